using System.Globalization;
using Platform.AppHost.Dashboard.Localization;
using Platform.AppHost.Dashboard.Telemetry;
using static Platform.AppHost.Dashboard.Pages.Html;

namespace Platform.AppHost.Dashboard.Pages;

internal static class MetricsPage
{
    public static string RenderList(ITelemetryQueries telemetry, DashboardText text)
    {
        var groups = telemetry.Instruments.GroupBy(i => i.ServiceName).OrderBy(g => g.Key).Select(group => $"""
            <h3>{E(group.Key)}</h3>
            <table><tr><th>{E(text["instrument"])}</th><th>{E(text["type"])}</th><th>{E(text["unit"])}</th><th>{E(text["description"])}</th></tr>
            {string.Concat(group.OrderBy(i => i.Name).Select(i => $"""
                <tr><td><a href="/metrics/{Q(i.ServiceName)}/{Q(i.Name)}">{E(i.Name)}</a></td><td>{i.Type}</td><td>{E(i.Unit)}</td><td>{E(i.Description)}</td></tr>
                """))}
            </table>
            """);
        var body = telemetry.Instruments.Count == 0 ? $"<p class=\"muted\">{E(text["nothing"])}</p>" : string.Concat(groups);
        return Layout.Page(text, "/metrics", text["metrics"], body);
    }

    public static string RenderInstrument(ITelemetryQueries telemetry, DashboardText text, string service, string name)
    {
        var instrument = telemetry.Instruments.FirstOrDefault(i => i.ServiceName == service && i.Name == name);
        if (instrument is null) return Layout.Page(text, "/metrics", name, $"<p>{E(text["not-found"])}</p>");
        var view = MetricSeries.Build(instrument, telemetry.QueryMetric(service, name, DateTimeOffset.UtcNow.AddHours(-1)));
        var chart = $"<div data-refresh-url=\"/fragments/metrics/{Q(service)}/{Q(name)}\" data-refresh-ms=\"5000\">{Chart(view, instrument, text)}</div>";
        return Layout.Page(text, "/metrics", $"{service}: {name}", $"<p class=\"muted\">{E(instrument.Description)}</p>{chart}");
    }

    public static string Fragment(ITelemetryQueries telemetry, DashboardText text, string service, string name) =>
        telemetry.Instruments.FirstOrDefault(i => i.ServiceName == service && i.Name == name) is { } instrument
            ? Chart(MetricSeries.Build(instrument, telemetry.QueryMetric(service, name, DateTimeOffset.UtcNow.AddHours(-1))), instrument, text)
            : "";

    private static string Chart(MetricSeriesView view, MetricInstrument instrument, DashboardText text)
    {
        const int width = 900, height = 260, left = 60, bottom = 24;
        var label = $"{text[view.LabelKey]}{(instrument.Unit.Length > 0 ? $", {instrument.Unit}" : "")}";
        if (view.Points.Count == 0) return $"<p class=\"muted\">{E(label)}: {E(text["nothing"])}</p>";
        var from = view.Points[0].Time;
        var seconds = Math.Max((view.Points[^1].Time - from).TotalSeconds, 1);
        var maximum = Math.Max(view.Points.Max(p => p.Value), 1e-9);
        string X(DateTimeOffset t) => (left + (t - from).TotalSeconds / seconds * (width - left - 10)).ToString("0.#", CultureInfo.InvariantCulture);
        string Y(double v) => (height - bottom - v / maximum * (height - bottom - 10)).ToString("0.#", CultureInfo.InvariantCulture);
        var line = string.Join(' ', view.Points.Select(p => $"{X(p.Time)},{Y(p.Value)}"));
        var latest = view.Points[^1].Value.ToString("0.###", CultureInfo.InvariantCulture);
        return $"""
            <p>{E(label)}: <b>{latest}</b></p>
            <svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{E(label)}">
              <text x="4" y="14">{maximum.ToString("0.###", CultureInfo.InvariantCulture)}</text>
              <text x="4" y="{height - bottom}">0</text>
              <text x="{left}" y="{height - 6}">{E(view.Points[0].Time.ToLocalTime().ToString("HH:mm:ss"))}</text>
              <text x="{width - 70}" y="{height - 6}">{E(view.Points[^1].Time.ToLocalTime().ToString("HH:mm:ss"))}</text>
              <polyline points="{line}" />
            </svg>
            """;
    }
}
