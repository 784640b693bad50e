using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.AppHost.Dashboard.Localization;
using static Platform.AppHost.Dashboard.Pages.Html;

namespace Platform.AppHost.Dashboard.Security;

/// <summary>
/// Sign-in with the token the AppHost prints at start (as the Aspire dashboard does), then a cookie:
/// HttpOnly, SameSite=Strict, valid for this AppHost run only because the token changes with every run.
/// </summary>
internal static class BrowserSignIn
{
    public const string CookieName = "platform-dashboard";

    public static void MapSignIn(this IEndpointRouteBuilder endpoints, DashboardOptions options)
    {
        endpoints.MapGet("/login", async (HttpContext http, string? t) =>
            t is null ? LoginForm(DashboardRequest.Text(http), error: false)
            : await TrySignInAsync(http, options, t) ? Results.Redirect("/")
            : LoginForm(DashboardRequest.Text(http), error: true)).AllowAnonymous();

        endpoints.MapPost("/login", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            return await TrySignInAsync(http, options, form["token"].ToString())
                ? Results.Redirect("/")
                : LoginForm(DashboardRequest.Text(http), error: true);
        }).AllowAnonymous().DisableAntiforgery();

        endpoints.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/login");
        }).DisableAntiforgery();
    }

    private static async Task<bool> TrySignInAsync(HttpContext http, DashboardOptions options, string token)
    {
        if (!Secrets.Match(token, options.BrowserToken))
            return false;
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "operator")], CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return true;
    }

    private static IResult LoginForm(DashboardText text, bool error) => Results.Content($"""
        <!doctype html>
        <html lang="{text.Code}"><head><meta charset="utf-8"><title>{E(text["sign-in"])} · {E(text["title"])}</title>
        <link rel="stylesheet" href="/assets/dashboard.css"></head>
        <body><form class="login" method="post" action="/login">
          <h1>{E(text["title"])}</h1>
          {(error ? $"<p class=\"error\" id=\"login-error\">{E(text["token-wrong"])}</p>" : "")}
          <label>{E(text["token"])}<input name="token" type="password" autocomplete="off" autofocus></label>
          <button type="submit">{E(text["sign-in"])}</button>
        </form></body></html>
        """, "text/html; charset=utf-8", statusCode: error ? StatusCodes.Status401Unauthorized : StatusCodes.Status200OK);
}
