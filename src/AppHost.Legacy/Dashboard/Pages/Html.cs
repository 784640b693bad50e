using System.Net;

namespace Platform.AppHost.Dashboard.Pages;

/// <summary>Small helpers for the server-rendered pages; every value from outside goes through <see cref="E"/>.</summary>
internal static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Q(string? text) => Uri.EscapeDataString(text ?? "");

    public static string Time(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss.fff");

    public static string Duration(TimeSpan duration) =>
        duration.TotalMilliseconds < 1 ? $"{duration.TotalMicroseconds:0} µs"
        : duration.TotalSeconds < 1 ? $"{duration.TotalMilliseconds:0.##} ms"
        : $"{duration.TotalSeconds:0.###} s";

    public static string Options(IEnumerable<string> values, string? selected, string allLabel) =>
        $"<option value=\"\">{E(allLabel)}</option>" + string.Concat(values.Select(v =>
            $"<option value=\"{E(v)}\"{(v == selected ? " selected" : "")}>{E(v)}</option>"));

    public static string AttributeTable(IReadOnlyDictionary<string, string> attributes) =>
        "<table class=\"mono\">" + string.Concat(attributes.OrderBy(a => a.Key).Select(a =>
            $"<tr><td>{E(a.Key)}</td><td>{E(a.Value)}</td></tr>")) + "</table>";
}
