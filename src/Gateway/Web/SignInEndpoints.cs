using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Platform.Gateway.Staff;
using Platform.Gateway.Web.Pages;
using static Platform.Gateway.Web.StaffPageResults;

namespace Platform.Gateway.Web;

/// <summary>Sign-in with a user name and password, and sign-out; both end in the staff cookie.</summary>
internal static class SignInEndpoints
{
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";
    public const string UserNameField = "userName";

    public static void MapSignInPages(this RouteGroupBuilder web)
    {
        web.MapGet(SignInPath, (string? returnUrl) => Page<SignInPage>(new { ReturnUrl = returnUrl, Failed = false }))
            .AllowAnonymous();

        web.MapPost(SignInPath, async (HttpContext http, PasswordSignIn passwords) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var returnUrl = form["returnUrl"].ToString();
            var account = await passwords.CheckAsync(form[UserNameField].ToString(), form["password"].ToString(), http.RequestAborted);
            if (account is null)
                return (IResult)Page<SignInPage>(new { ReturnUrl = returnUrl, Failed = true }, StatusCodes.Status401Unauthorized);
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
}
