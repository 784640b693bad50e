using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Gateway.Staff;
using Platform.Gateway.Web.Pages;
using Platform.Gateway.Web.Texts;

namespace Platform.Gateway.Web;

/// <summary>The staff web side of the Gateway: accounts, password sign-in with a cookie, and the pages.</summary>
public static class StaffWebExtensions
{
    public const string CookieName = "gateway-staff";
    public const string StaffPolicy = "staff";
    public const string ManageAccountsPolicy = "manage-accounts";
    public const string CommissionPolicy = "commission";
    public const string CommissionRecordsPolicy = "commission-records";
    public const string StylesheetPath = "/assets/staff.css";

    public static TBuilder AddStaffSignIn<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        // The pages are in Cyrillic: the default encoder would write every letter as an entity, tripling the page.
        // Markup characters are still encoded.
        services.AddWebEncoders(encoders => encoders.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorComponents();
        services.AddLocalization();
        services.AddMemoryCache();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new StaffPasswordHasher());
        services.AddSingleton<StaffAccountStore>();
        services.AddSingleton<PasswordSignIn>();
        if (builder.Environment.IsDevelopment()) services.AddHostedService<DevelopmentStaffSeed>();

        // Secure cookies need https. Development runs the Gateway on plain http on localhost (the AppHost gives it
        // an http endpoint), where a Secure cookie would never come back; everywhere else the cookie is https-only.
        var securePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = securePolicy;
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = SignInEndpoints.SignInPath;
            cookie.LogoutPath = SignInEndpoints.SignOutPath;
            cookie.ReturnUrlParameter = "returnUrl";
            cookie.Events.OnValidatePrincipal = RejectStaleSessionAsync;
            // The JSON API answers 401 rather than redirecting a program to the sign-in page.
            cookie.Events.OnRedirectToLogin = context =>
            {
                if (IsApi(context.Request)) context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                else context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
            // Signed in but not allowed: say so on a page, not with a redirect to a sign-in that would not help.
            cookie.Events.OnRedirectToAccessDenied = async context =>
            {
                if (IsApi(context.Request))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return;
                }
                await StaffPageResults.Page<MessagePage>(new { TextKey = "forbidden" }, StatusCodes.Status403Forbidden)
                    .ExecuteAsync(context.HttpContext);
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => StaffUser.From(c.User) is not null))
            .AddPolicy(ManageAccountsPolicy, policy => policy.RequireAssertion(c => StaffUser.From(c.User)?.May(StaffPermission.ManageAccounts) == true))
            .AddPolicy(CommissionPolicy, policy => policy.RequireAssertion(c =>
                StaffUser.From(c.User) is { } user && user.May(StaffPermission.WorkCommissionCases) && user.Scope.Territory is not null))
            .AddPolicy(CommissionRecordsPolicy, policy => policy.RequireAssertion(c => StaffUser.From(c.User)?.May(StaffPermission.RecordCommissionDecisions) == true));
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "gateway-antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = securePolicy;
            // The security headers set X-Frame-Options: DENY already.
            antiforgery.SuppressXFrameOptionsHeader = true;
        });
        services.Configure<FormOptions>(form =>
        {
            form.ValueCountLimit = 32;
            form.ValueLengthLimit = StaffWebRequests.MaximumFormBytes;
            form.MultipartBodyLengthLimit = StaffWebRequests.MaximumFormBytes;
        });
        services.AddStaffRateLimits(builder.Configuration.GetSection("Staff:RateLimits").Get<StaffRateLimitOptions>() ?? new StaffRateLimitOptions());
        return builder;
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    public static WebApplication MapStaffPages(this WebApplication app)
    {
        app.Use(StaffWebRequests.SecurityHeadersAndLimits(app.Environment.IsDevelopment()));
        app.UseRequestLocalization(StaffLanguages.Options());
        app.Use(StaffLanguages.RememberChoice);
        app.UseAuthentication();
        app.Use(StaffRateLimits.BufferSignInForm);
        app.UseRateLimiter();
        app.UseAuthorization();

        var web = app.MapGroup("")
            .WithMetadata(StaffWebEndpoint.Instance)
            .AddEndpointFilter(StaffWebRequests.RequireAntiforgeryOnPost)
            .RequireRateLimiting(StaffRateLimits.PagesPolicy);
        web.MapGet(StylesheetPath, () =>
            Results.Stream(typeof(StaffWebExtensions).Assembly.GetManifestResourceStream("web/staff.css")!, "text/css; charset=utf-8"))
            .AllowAnonymous();
        web.MapSignInPages();
        var pages = web.MapGroup("").RequireAuthorization(StaffPolicy);
        pages.MapHomePage();
        pages.MapAccountAdminPages();
        pages.MapCasePages();
        pages.MapChildPages();
        pages.MapSessionPages();
        return app;
    }

    /// <summary>
    /// A cookie outlives a password change or a disabled account unless checked: its security stamp must still be
    /// the account's (read through a short cache, see <see cref="StaffAccountStore.SessionStateCacheDuration"/>).
    /// </summary>
    private static async Task RejectStaleSessionAsync(CookieValidatePrincipalContext context)
    {
        var accounts = context.HttpContext.RequestServices.GetRequiredService<StaffAccountStore>();
        var principal = context.Principal;
        if (Guid.TryParse(principal?.FindFirstValue(StaffClaims.AccountId), out var id)
            && await accounts.GetSessionStateAsync(id, context.HttpContext.RequestAborted) is { Disabled: false } state
            && state.SecurityStamp == principal.FindFirstValue(StaffClaims.SecurityStamp))
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
