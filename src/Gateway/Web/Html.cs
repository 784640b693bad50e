using System.Net;

namespace Platform.Gateway.Web;

/// <summary>Small helpers for the server-rendered pages; every value from outside goes through <see cref="E"/>.</summary>
internal static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm 'UTC'");
}
