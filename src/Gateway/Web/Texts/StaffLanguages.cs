using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Platform.Gateway.Web.Texts;

/// <summary>
/// The languages of the staff pages — Russian (the default), Kazakh, English — and how a request picks one:
/// <c>?lang=</c>, remembered in a cookie for the next pages, else that cookie, else Russian.
/// </summary>
public static class StaffLanguages
{
    public const string CookieName = "gateway-lang";
    public const string QueryKey = "lang";

    public static IReadOnlyList<CultureInfo> Supported { get; } = [new("ru-KZ"), new("kk-KZ"), new("en-GB")];

    public static CultureInfo Default => Supported[0];

    /// <summary>The culture a language code names (<c>ru</c>, <c>kk</c>, <c>en</c>), or null for any other.</summary>
    public static CultureInfo? Named(string? code) =>
        Supported.FirstOrDefault(culture => string.Equals(culture.TwoLetterISOLanguageName, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static RequestLocalizationOptions Options()
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Default),
            SupportedCultures = [.. Supported],
            SupportedUICultures = [.. Supported],
        };
        options.RequestCultureProviders.Clear();
        options.RequestCultureProviders.Add(new CustomRequestCultureProvider(http =>
        {
            var requested = http.Request.Query[QueryKey].ToString();
            var culture = Named(requested.Length > 0 ? requested : http.Request.Cookies[CookieName]);
            return Task.FromResult(culture is null ? null : new ProviderCultureResult(culture.Name));
        }));
        return options;
    }

    /// <summary>A language chosen with <c>?lang=</c> is kept for a year, so the next pages come in it too.</summary>
    public static async Task RememberChoice(HttpContext http, Func<Task> next)
    {
        if (Named(http.Request.Query[QueryKey]) is { } chosen)
            http.Response.Cookies.Append(CookieName, chosen.TwoLetterISOLanguageName, new CookieOptions
            {
                HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Strict, MaxAge = TimeSpan.FromDays(365),
            });
        await next();
    }
}
