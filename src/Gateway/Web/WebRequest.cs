using Platform.Contracts.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Platform.Gateway.Staff;
using static Platform.Gateway.Web.Html;

namespace Platform.Gateway.Web;

/// <summary>What every staff page needs from the request: the language, the user and an antiforgery field for its forms.</summary>
internal sealed record WebRequest(WebText Text, StaffUser? User, string AntiforgeryField)
{
    public static WebRequest For(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return new WebRequest(Language(http), StaffUser.From(http.User),
            $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">");
    }

    /// <summary>The UI language: <c>?lang=</c> (remembered in a cookie), else the cookie, else Russian.</summary>
    private static WebText Language(HttpContext http)
    {
        var requested = http.Request.Query["lang"].ToString();
        if (requested.Length == 0) return new WebText(UiLanguages.Parse(http.Request.Cookies[WebText.CookieName]));
        var language = UiLanguages.Parse(requested);
        http.Response.Cookies.Append(WebText.CookieName, language.Code(), new CookieOptions
        {
            HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Strict, MaxAge = TimeSpan.FromDays(365),
        });
        return new WebText(language);
    }

    public string RoleName(StaffRole role) => Text[$"role-{role.Code}"];

    public string ScopeName(StaffScope scope) => scope.Territory is { } territory
        ? $"{Text[$"level-{scope.Level.ToString()!.ToLowerInvariant()}"]} · {territory.Value} · {RegionName(territory.Region)}"
        : Text["national"];

    private string RegionName(Platform.Contracts.Territory.Region region) => Text.Language switch
    {
        UiLanguage.Kk => region.NameKk,
        UiLanguage.En => region.NameEn,
        _ => region.NameRu,
    };

    public static IResult Html(string html, int statusCode = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", statusCode: statusCode);
}
