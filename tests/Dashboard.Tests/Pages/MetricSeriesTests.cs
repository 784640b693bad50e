using Platform.AppHost.Dashboard.Pages;
using Platform.AppHost.Dashboard.Telemetry;

namespace Platform.Dashboard.Tests.Pages;

public sealed class MetricSeriesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static MetricInstrument Instrument(InstrumentType type) => new("gateway", "m", "s", "", type);

    private static MetricPoint Point(int second, double value, long? count = null, string route = "/") =>
        new("gateway", "m", T0.AddSeconds(second), value, count, null, null, new Dictionary<string, string> { ["route"] = route });

    [Fact]
    public void A_cumulative_sum_is_shown_as_a_rate_per_second_over_all_attribute_sets()
    {
        var view = MetricSeries.Build(Instrument(InstrumentType.Sum),
            [Point(0, 10, route: "/a"), Point(0, 0, route: "/b"), Point(5, 30, route: "/a"), Point(5, 30, route: "/b")]);

        Assert.Equal("rate", view.LabelKey);
        Assert.Equal([new SeriesPoint(T0.AddSeconds(5), 10)], view.Points);
    }

    [Fact]
    public void A_counter_reset_by_a_restart_gives_no_negative_rate()
    {
        var view = MetricSeries.Build(Instrument(InstrumentType.Sum), [Point(0, 100), Point(5, 3), Point(10, 13)]);

        Assert.Equal([new SeriesPoint(T0.AddSeconds(10), 2)], view.Points);
    }

    [Fact]
    public void A_histogram_is_shown_as_the_average_recorded_value_between_exports()
    {
        var view = MetricSeries.Build(Instrument(InstrumentType.Histogram), [Point(0, 1.0, 10), Point(5, 4.0, 16), Point(10, 4.0, 16)]);

        Assert.Equal("average", view.LabelKey);
        Assert.Equal([new SeriesPoint(T0.AddSeconds(5), 0.5)], view.Points);
    }

    [Fact]
    public void A_gauge_is_shown_as_its_value()
    {
        var view = MetricSeries.Build(Instrument(InstrumentType.Gauge), [Point(0, 7), Point(5, 3)]);

        Assert.Equal("value", view.LabelKey);
        Assert.Equal([7d, 3d], view.Points.Select(p => p.Value));
    }
}
