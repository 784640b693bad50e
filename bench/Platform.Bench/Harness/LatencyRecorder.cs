using System.Diagnostics;

namespace Platform.Bench.Harness;

/// <summary>Collects per-operation latencies; thread-safe, sorted once when percentiles are asked for.</summary>
public sealed class LatencyRecorder
{
    private readonly List<long> _ticks = new();
    private readonly Lock _gate = new();

    public int Count { get { lock (_gate) return _ticks.Count; } }

    public void Record(long elapsedStopwatchTicks)
    {
        lock (_gate) _ticks.Add(elapsedStopwatchTicks);
    }

    public void Record(TimeSpan elapsed) => Record((long)(elapsed.TotalSeconds * Stopwatch.Frequency));

    public double PercentileMilliseconds(double percentile)
    {
        long[] sorted;
        lock (_gate) sorted = _ticks.ToArray();
        if (sorted.Length == 0) return double.NaN;
        Array.Sort(sorted);
        var index = (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}
