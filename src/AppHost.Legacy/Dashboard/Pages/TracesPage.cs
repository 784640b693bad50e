using System.Globalization;
using Platform.AppHost.Dashboard.Localization;
using Platform.AppHost.Dashboard.Telemetry;
using static Platform.AppHost.Dashboard.Pages.Html;

namespace Platform.AppHost.Dashboard.Pages;

internal static class TracesPage
{
    public static string RenderList(ITelemetryQueries telemetry, DashboardText text, TraceQuery query)
    {
        var traces = telemetry.QueryTraces(query);
        var minimum = query.MinimumDuration?.TotalMilliseconds.ToString(CultureInfo.InvariantCulture);
        var filters = $"""
            <form class="filters" method="get" action="/traces">
              <label>{E(text["resource"])}<select name="resource">{Options(telemetry.Services, query.Service, text["all"])}</select></label>
              <label>{E(text["min-duration"])}<input name="minMs" type="number" min="0" step="any" value="{E(minimum)}"></label>
              <label>{E(text["attribute"])}<input name="attribute" value="{E(query.Attribute)}"></label>
              <button type="submit">{E(text["filter"])}</button>
            </form>
            """;
        var rows = traces.Select(trace => $"""
            <tr data-trace-id="{E(trace.TraceId)}">
              <td class="mono">{Time(trace.Start)}</td>
              <td><a href="/traces/{Q(trace.TraceId)}">{E(trace.RootService)}: {E(trace.RootName)}</a></td>
              <td>{string.Join(", ", trace.SpansPerService.OrderBy(p => p.Key).Select(p => $"{E(p.Key)} ({p.Value})"))}</td>
              <td class="num">{trace.SpanCount}</td>
              <td class="num {(trace.ErrorCount > 0 ? "error" : "")}">{trace.ErrorCount}</td>
              <td class="num">{Duration(trace.Duration)}</td>
            </tr>
            """);
        var table = traces.Count == 0
            ? $"<p class=\"muted\">{E(text["nothing"])}</p>"
            : $"<table><tr><th>{E(text["time"])}</th><th>{E(text["name"])}</th><th>{E(text["resources"])}</th><th>{E(text["spans"])}</th><th>{E(text["errors"])}</th><th>{E(text["duration"])}</th></tr>{string.Concat(rows)}</table>";
        return Layout.Page(text, "/traces", text["traces"], filters + table);
    }

    public static string RenderTrace(ITelemetryQueries telemetry, DashboardText text, string traceId)
    {
        var rows = Waterfall.Layout(telemetry.GetTrace(traceId));
        if (rows.Count == 0) return Layout.Page(text, "/traces", text["trace"], $"<p>{E(text["not-found"])}</p>");
        var body = rows.Select(row => $"""
            <tr class="span" data-service="{E(row.Span.ServiceName)}">
              <td style="padding-left:{row.Depth * 1.2 + .5:0.#}rem">
                <details><summary>{E(row.Span.ServiceName)}: {E(row.Span.Name)} <span class="muted">{E(row.Span.Kind)}</span></summary>
                  {(row.Span.StatusMessage is null ? "" : $"<p class=\"error\">{E(row.Span.StatusMessage)}</p>")}
                  <h4>{E(text["attributes"])}</h4>{AttributeTable(row.Span.Attributes)}
                  {(row.Span.Events.Count == 0 ? "" : $"<h4>{E(text["events"])}</h4>" + string.Concat(row.Span.Events.Select(e =>
                      $"<div><b>{E(e.Name)}</b> <span class=\"mono\">{Time(e.Time)}</span>{AttributeTable(e.Attributes)}</div>")))}
                  <div class="muted mono">span {E(row.Span.SpanId)} · {E(row.Span.Scope)}</div>
                </details>
              </td>
              <td class="waterfall" style="width:45%"><div class="bar"><span class="{(row.Span.Status == SpanStatus.Error ? "failed" : "")}" style="left:{row.OffsetPercent.ToString("0.##", CultureInfo.InvariantCulture)}%;width:{row.WidthPercent.ToString("0.##", CultureInfo.InvariantCulture)}%"></span></div></td>
              <td class="num">{Duration(row.Span.Duration)}</td>
            </tr>
            """);
        return Layout.Page(text, "/traces", $"{text["trace"]} {traceId}",
            $"<p><a href=\"/logs?traceId={Q(traceId)}\">{E(text["trace-logs"])}</a></p><table>{string.Concat(body)}</table>");
    }
}
