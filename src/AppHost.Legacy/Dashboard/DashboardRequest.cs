using Platform.Contracts.Localization;
using Microsoft.AspNetCore.Http;
using Platform.AppHost.Dashboard.Localization;

namespace Platform.AppHost.Dashboard;

internal static class DashboardRequest
{
    /// <summary>The UI language: <c>?lang=</c> (remembered in a cookie), else the cookie, else Russian.</summary>
    public static DashboardText Text(HttpContext http)
    {
        var requested = http.Request.Query["lang"].ToString();
        if (requested.Length > 0)
        {
            var language = UiLanguages.Parse(requested);
            http.Response.Cookies.Append(DashboardText.CookieName, language.Code(),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, MaxAge = TimeSpan.FromDays(365) });
            return new DashboardText(language);
        }
        return new DashboardText(UiLanguages.Parse(http.Request.Cookies[DashboardText.CookieName]));
    }

    public static IResult Page(string html) => Results.Content(html, "text/html; charset=utf-8");
}
