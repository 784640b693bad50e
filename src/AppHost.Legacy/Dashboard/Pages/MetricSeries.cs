using Platform.AppHost.Dashboard.Telemetry;

namespace Platform.AppHost.Dashboard.Pages;

public sealed record SeriesPoint(DateTimeOffset Time, double Value);

/// <summary>What a metric's chart shows, from its raw points summed over all attribute sets per export.</summary>
public sealed record MetricSeriesView(string LabelKey, IReadOnlyList<SeriesPoint> Points);

public static class MetricSeries
{
    /// <summary>
    /// Gauges show their value; cumulative sums their rate per second; histograms the average recorded value
    /// between exports (for a duration histogram, the average latency), because those are what an operator reads.
    /// </summary>
    public static MetricSeriesView Build(MetricInstrument instrument, IReadOnlyList<MetricPoint> points)
    {
        var perExport = points.GroupBy(p => p.Time).OrderBy(g => g.Key)
            .Select(g => (Time: g.Key, Value: g.Sum(p => p.Value), Count: g.Sum(p => p.Count ?? 0)))
            .ToList();
        return instrument.Type switch
        {
            InstrumentType.Sum => new("rate", Differences(perExport, (previous, current, seconds) => (current.Value - previous.Value) / seconds)),
            InstrumentType.Histogram or InstrumentType.ExponentialHistogram => new("average", Differences(perExport, (previous, current, _) =>
                current.Count - previous.Count is var count and > 0 ? (current.Value - previous.Value) / count : double.NaN)),
            _ => new("value", perExport.Select(p => new SeriesPoint(p.Time, p.Value)).ToList()),
        };
    }

    private static List<SeriesPoint> Differences(
        List<(DateTimeOffset Time, double Value, long Count)> exports,
        Func<(DateTimeOffset Time, double Value, long Count), (DateTimeOffset Time, double Value, long Count), double, double> between)
    {
        var series = new List<SeriesPoint>();
        for (var i = 1; i < exports.Count; i++)
        {
            var seconds = (exports[i].Time - exports[i - 1].Time).TotalSeconds;
            // A counter that went down was restarted with its process: that interval has no meaningful rate.
            if (seconds <= 0 || exports[i].Value < exports[i - 1].Value) continue;
            var value = between(exports[i - 1], exports[i], seconds);
            if (!double.IsNaN(value)) series.Add(new SeriesPoint(exports[i].Time, value));
        }
        return series;
    }
}
