using Platform.AppHost.Dashboard.Telemetry;

namespace Platform.AppHost.Dashboard.Pages;

/// <summary>A span placed in the waterfall: its depth in the tree and its bar as percentages of the trace.</summary>
public sealed record WaterfallRow(SpanRecord Span, int Depth, double OffsetPercent, double WidthPercent);

public static class Waterfall
{
    /// <summary>
    /// Orders the spans depth-first under their parents (children by start time). A span whose parent is not in
    /// the trace (not exported yet, or from a caller outside) is shown as a root rather than dropped.
    /// </summary>
    public static IReadOnlyList<WaterfallRow> Layout(IReadOnlyList<SpanRecord> spans)
    {
        if (spans.Count == 0) return [];
        var start = spans.Min(s => s.Start);
        var total = Math.Max((spans.Max(s => s.End) - start).TotalMilliseconds, 0.001);
        var ids = spans.Select(s => s.SpanId).ToHashSet();
        var children = spans.Where(s => s.ParentSpanId is not null && ids.Contains(s.ParentSpanId))
            .GroupBy(s => s.ParentSpanId!)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.Start).ToList());
        var rows = new List<WaterfallRow>(spans.Count);

        void Visit(SpanRecord span, int depth)
        {
            var offset = (span.Start - start).TotalMilliseconds / total * 100;
            var width = Math.Max(span.Duration.TotalMilliseconds / total * 100, 0);
            rows.Add(new WaterfallRow(span, depth, offset, Math.Min(width, 100 - offset)));
            foreach (var child in children.GetValueOrDefault(span.SpanId) ?? []) Visit(child, depth + 1);
        }

        foreach (var root in spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).OrderBy(s => s.Start))
            Visit(root, 0);
        return rows;
    }
}
