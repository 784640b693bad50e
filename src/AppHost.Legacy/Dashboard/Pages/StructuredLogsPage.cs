using Platform.AppHost.Dashboard.Localization;
using Platform.AppHost.Dashboard.Telemetry;
using static Platform.AppHost.Dashboard.Pages.Html;

namespace Platform.AppHost.Dashboard.Pages;

internal static class StructuredLogsPage
{
    private static readonly (int Number, string Name)[] Levels =
        [(1, "Trace"), (5, "Debug"), (9, "Information"), (13, "Warning"), (17, "Error"), (21, "Critical")];

    public static string Render(ITelemetryQueries telemetry, DashboardText text, LogQuery query)
    {
        var entries = telemetry.QueryLogs(query);
        var levelOptions = $"<option value=\"\">{E(text["all"])}</option>" + string.Concat(Levels.Select(l =>
            $"<option value=\"{l.Number}\"{(query.MinimumSeverityNumber == l.Number ? " selected" : "")}>{l.Name}+</option>"));
        var filters = $"""
            <form class="filters" method="get" action="/logs">
              <label>{E(text["resource"])}<select name="resource">{Options(telemetry.Services, query.Service, text["all"])}</select></label>
              <label>{E(text["level"])}<select name="level">{levelOptions}</select></label>
              <label>{E(text["text"])}<input name="text" value="{E(query.Text)}"></label>
              <label>{E(text["trace-id"])}<input name="traceId" value="{E(query.TraceId)}" size="34"></label>
              <label>{E(text["attribute"])}<input name="attribute" value="{E(query.Attribute)}"></label>
              <button type="submit">{E(text["filter"])}</button>
            </form>
            """;
        var rows = entries.Select(entry => $"""
            <tr>
              <td class="mono">{Time(entry.Time)}</td>
              <td>{E(entry.ServiceName)}</td>
              <td class="{(entry.SeverityNumber >= 17 ? "error" : "")}">{E(entry.Severity)}</td>
              <td>{E(entry.Body)}
                <details><summary>{E(text["attributes"])}</summary>{AttributeTable(entry.Attributes)}<div class="muted">{E(entry.Scope)}</div></details></td>
              <td class="mono">{(entry.TraceId is { } traceId ? $"<a href=\"/traces/{Q(traceId)}\">{E(traceId[..Math.Min(8, traceId.Length)])}</a>" : "")}</td>
            </tr>
            """);
        var table = entries.Count == 0
            ? $"<p class=\"muted\">{E(text["nothing"])}</p>"
            : $"<table><tr><th>{E(text["time"])}</th><th>{E(text["resource"])}</th><th>{E(text["level"])}</th><th>{E(text["message"])}</th><th>{E(text["trace"])}</th></tr>{string.Concat(rows)}</table>";
        return Layout.Page(text, "/logs", text["logs"], filters + table);
    }
}
