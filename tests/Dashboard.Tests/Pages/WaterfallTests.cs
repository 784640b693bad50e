using Platform.AppHost.Dashboard.Pages;
using Platform.AppHost.Dashboard.Telemetry;

namespace Platform.Dashboard.Tests.Pages;

public sealed class WaterfallTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static SpanRecord Span(string id, string? parent, int startMs, int endMs, string service = "education") =>
        new("trace1", id, parent, $"op-{id}", "Server", T0.AddMilliseconds(startMs), T0.AddMilliseconds(endMs), SpanStatus.Unset, null,
            service, null, "test", new Dictionary<string, string>(), []);

    [Fact]
    public void Children_follow_their_parent_depth_first_in_start_order()
    {
        var rows = Waterfall.Layout([
            Span("c2", "root", 60, 90), Span("root", null, 0, 100), Span("c1", "root", 10, 50), Span("g1", "c1", 20, 30),
        ]);

        Assert.Equal(["root", "c1", "g1", "c2"], rows.Select(r => r.Span.SpanId));
        Assert.Equal([0, 1, 2, 1], rows.Select(r => r.Depth));
    }

    [Fact]
    public void Bars_are_placed_as_percentages_of_the_whole_trace()
    {
        var rows = Waterfall.Layout([Span("root", null, 0, 200), Span("child", "root", 50, 150)]);

        Assert.Equal((0d, 100d), (rows[0].OffsetPercent, rows[0].WidthPercent));
        Assert.Equal((25d, 50d), (rows[1].OffsetPercent, rows[1].WidthPercent));
    }

    [Fact]
    public void A_span_whose_parent_was_not_received_is_shown_as_a_root()
    {
        var rows = Waterfall.Layout([Span("consumer", "missing-publisher", 10, 20, "gateway"), Span("root", null, 0, 5)]);

        Assert.Equal(["root", "consumer"], rows.Select(r => r.Span.SpanId));
        Assert.All(rows, r => Assert.Equal(0, r.Depth));
    }
}
