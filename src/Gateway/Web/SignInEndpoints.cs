using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Platform.Gateway.Staff;
using static Platform.Gateway.Web.Html;

namespace Platform.Gateway.Web;

/// <summary>Sign-in with a user name and password, and sign-out; both end in the staff cookie.</summary>
internal static class SignInPages
{
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";
    public const string UserNameField = "userName";

    public static void MapSignInPages(this RouteGroupBuilder web)
    {
        web.MapGet(SignInPath, (HttpContext http, string? returnUrl) => Form(WebRequest.For(http), returnUrl, failed: false))
            .AllowAnonymous();

        web.MapPost(SignInPath, async (HttpContext http, PasswordSignIn passwords) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var returnUrl = form["returnUrl"].ToString();
            var account = await passwords.CheckAsync(form[UserNameField].ToString(), form["password"].ToString(), http.RequestAborted);
            if (account is null) return Form(WebRequest.For(http), returnUrl, failed: true);
            var principal = StaffPrincipalFactory.Create(account, StaffClaims.PasswordMethod, CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl : "/");
        }).AllowAnonymous().RequireRateLimiting(StaffRateLimits.SignInPolicy);

        web.MapPost(SignOutPath, async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect(SignInPath);
        }).AllowAnonymous();
    }

    // Only a path on this site: an open redirect would let a phishing link borrow the Gateway's sign-in page.
    private static bool IsLocal(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    private static IResult Form(WebRequest request, string? returnUrl, bool failed)
    {
        var text = request.Text;
        return WebRequest.Html(Layout.Page(request, text["sign-in"], $"""
            <form class="signin stacked" method="post" action="{SignInPath}">
              {request.AntiforgeryField}
              <input type="hidden" name="returnUrl" value="{E(returnUrl)}">
              {(failed ? $"<p class=\"error\" id=\"sign-in-error\">{E(text["sign-in-failed"])}</p>" : "")}
              <label>{E(text["user-name"])}<input name="{UserNameField}" autocomplete="username" required autofocus></label>
              <label>{E(text["password"])}<input name="password" type="password" autocomplete="current-password" required></label>
              <button type="submit">{E(text["sign-in"])}</button>
            </form>
            """), failed ? StatusCodes.Status401Unauthorized : StatusCodes.Status200OK);
    }
}
