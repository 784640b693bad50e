namespace Platform.AppHost.Dashboard.Telemetry;

// What the dashboard keeps of the OTLP data it receives: flattened, with attribute values as display strings.

public enum SpanStatus { Unset, Ok, Error }

public sealed record SpanEvent(string Name, DateTimeOffset Time, IReadOnlyDictionary<string, string> Attributes);

public sealed record SpanRecord(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    string Kind,
    DateTimeOffset Start,
    DateTimeOffset End,
    SpanStatus Status,
    string? StatusMessage,
    string ServiceName,
    string? InstanceId,
    string Scope,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<SpanEvent> Events)
{
    public TimeSpan Duration => End - Start;
}

/// <summary>One trace in the trace list.</summary>
public sealed record TraceSummary(
    string TraceId,
    string RootName,
    string RootService,
    DateTimeOffset Start,
    TimeSpan Duration,
    int SpanCount,
    int ErrorCount,
    IReadOnlyDictionary<string, int> SpansPerService);

public sealed record TraceQuery(string? Service = null, TimeSpan? MinimumDuration = null, string? Attribute = null, int Limit = 200);

public sealed record LogEntry(
    long Sequence,
    DateTimeOffset Time,
    int SeverityNumber,
    string Severity,
    string Body,
    string ServiceName,
    string? InstanceId,
    string Scope,
    string? TraceId,
    string? SpanId,
    IReadOnlyDictionary<string, string> Attributes);

/// <summary><paramref name="Attribute"/> is "key=value" (exact) or a text found in any attribute key or value.</summary>
public sealed record LogQuery(
    string? Service = null, int? MinimumSeverityNumber = null, string? Text = null, string? TraceId = null, string? Attribute = null,
    int Limit = 500);

public enum InstrumentType { Gauge, Sum, Histogram, ExponentialHistogram, Summary }

public sealed record MetricInstrument(string ServiceName, string Name, string Unit, string Description, InstrumentType Type);

/// <summary>
/// One data point. For sums and gauges <see cref="Value"/> is the value; for histograms it is the sum of the
/// recorded values, with <see cref="Count"/>, <see cref="BucketBounds"/> and <see cref="BucketCounts"/> set.
/// </summary>
public sealed record MetricPoint(
    string ServiceName,
    string InstrumentName,
    DateTimeOffset Time,
    double Value,
    long? Count,
    IReadOnlyList<double>? BucketBounds,
    IReadOnlyList<ulong>? BucketCounts,
    IReadOnlyDictionary<string, string> Attributes);

/// <summary>What the dashboard pages read; the store behind it is bounded and survives restarts.</summary>
public interface ITelemetryQueries
{
    IReadOnlyList<string> Services { get; }
    IReadOnlyList<TraceSummary> QueryTraces(TraceQuery query);
    IReadOnlyList<SpanRecord> GetTrace(string traceId);
    IReadOnlyList<LogEntry> QueryLogs(LogQuery query);
    IReadOnlyList<MetricInstrument> Instruments { get; }
    IReadOnlyList<MetricPoint> QueryMetric(string serviceName, string instrumentName, DateTimeOffset? since = null);
}
