using Google.Protobuf;
using Platform.AppHost.Dashboard.Otlp.Collector.Logs;
using Platform.AppHost.Dashboard.Otlp.Collector.Metrics;
using Platform.AppHost.Dashboard.Otlp.Collector.Trace;

namespace Platform.AppHost.Dashboard.Telemetry;

/// <summary>
/// The telemetry the dashboard shows: bounded in memory (the oldest is evicted first) and, when a directory is
/// given, journaled so that it survives a restart within the retention period.
/// </summary>
public sealed class TelemetryStore : ITelemetryQueries
{
    private readonly TelemetryStoreOptions _options;
    private readonly TelemetryJournal? _journal;
    private readonly Lock _gate = new();
    private readonly LinkedList<SpanRecord> _spans = new();
    private readonly Dictionary<string, List<SpanRecord>> _spansByTrace = new(StringComparer.Ordinal);
    private readonly LinkedList<LogEntry> _logs = new();
    private readonly LinkedList<MetricPoint> _points = new();
    private readonly Dictionary<(string Service, string Name), MetricInstrument> _instruments = new();
    private readonly HashSet<string> _services = new(StringComparer.Ordinal);
    private long _logSequence;

    public TelemetryStore(TelemetryStoreOptions options, TimeProvider? time = null)
    {
        _options = options;
        _journal = options.Directory is null ? null : new TelemetryJournal(options.Directory, time ?? TimeProvider.System);
    }

    /// <summary>Raised after every accepted batch, so pages can refresh.</summary>
    public event Action? Changed;

    /// <summary>Rebuilds memory from the journal (call once, before receiving).</summary>
    public void Load()
    {
        if (_journal is null) return;
        foreach (var (signal, batch) in _journal.Replay(_options.Retention))
        {
            switch (signal)
            {
                case TelemetrySignal.Traces: Index(ExportTraceServiceRequest.Parser.ParseFrom(batch)); break;
                case TelemetrySignal.Logs: Index(ExportLogsServiceRequest.Parser.ParseFrom(batch)); break;
                case TelemetrySignal.Metrics: Index(ExportMetricsServiceRequest.Parser.ParseFrom(batch)); break;
            }
        }
    }

    public void Add(ExportTraceServiceRequest request) => Accept(TelemetrySignal.Traces, request, () => Index(request));
    public void Add(ExportLogsServiceRequest request) => Accept(TelemetrySignal.Logs, request, () => Index(request));
    public void Add(ExportMetricsServiceRequest request) => Accept(TelemetrySignal.Metrics, request, () => Index(request));

    private void Accept(TelemetrySignal signal, IMessage request, Action index)
    {
        _journal?.Append(signal, request.ToByteArray());
        index();
        Changed?.Invoke();
    }

    private void Index(ExportTraceServiceRequest request)
    {
        lock (_gate)
        {
            foreach (var span in OtlpConversion.Spans(request))
            {
                _services.Add(span.ServiceName);
                _spans.AddLast(span);
                if (!_spansByTrace.TryGetValue(span.TraceId, out var trace)) _spansByTrace[span.TraceId] = trace = [];
                trace.Add(span);
                if (_spans.Count <= _options.MaximumSpans) continue;
                var evicted = _spans.First!.Value;
                _spans.RemoveFirst();
                var evictedTrace = _spansByTrace[evicted.TraceId];
                evictedTrace.Remove(evicted);
                if (evictedTrace.Count == 0) _spansByTrace.Remove(evicted.TraceId);
            }
        }
    }

    private void Index(ExportLogsServiceRequest request)
    {
        lock (_gate)
        {
            foreach (var entry in OtlpConversion.Logs(request))
            {
                _services.Add(entry.ServiceName);
                _logs.AddLast(entry with { Sequence = ++_logSequence });
                if (_logs.Count > _options.MaximumLogEntries) _logs.RemoveFirst();
            }
        }
    }

    private void Index(ExportMetricsServiceRequest request)
    {
        lock (_gate)
        {
            foreach (var (instrument, point) in OtlpConversion.Metrics(request))
            {
                _services.Add(instrument.ServiceName);
                _instruments[(instrument.ServiceName, instrument.Name)] = instrument;
                _points.AddLast(point);
                if (_points.Count > _options.MaximumMetricPoints) _points.RemoveFirst();
            }
        }
    }

    public IReadOnlyList<string> Services
    {
        get { lock (_gate) return _services.Order(StringComparer.Ordinal).ToList(); }
    }

    public IReadOnlyList<MetricInstrument> Instruments
    {
        get { lock (_gate) return _instruments.Values.OrderBy(i => i.ServiceName).ThenBy(i => i.Name).ToList(); }
    }

    public int SpanCount
    {
        get { lock (_gate) return _spans.Count; }
    }

    public IReadOnlyList<TraceSummary> QueryTraces(TraceQuery query)
    {
        lock (_gate)
        {
            return _spansByTrace.Values
                .Where(spans => query.Service is null || spans.Any(s => s.ServiceName == query.Service))
                .Where(spans => query.Attribute is null || spans.Any(s => Matches(s.Attributes, query.Attribute)))
                .Select(Summarize)
                .Where(t => query.MinimumDuration is null || t.Duration >= query.MinimumDuration)
                .OrderByDescending(t => t.Start)
                .Take(query.Limit)
                .ToList();
        }
    }

    public IReadOnlyList<SpanRecord> GetTrace(string traceId)
    {
        lock (_gate) return _spansByTrace.TryGetValue(traceId, out var spans) ? spans.OrderBy(s => s.Start).ToList() : [];
    }

    public IReadOnlyList<LogEntry> QueryLogs(LogQuery query)
    {
        lock (_gate)
        {
            return _logs.Reverse()
                .Where(l => query.Service is null || l.ServiceName == query.Service)
                .Where(l => query.MinimumSeverityNumber is null || l.SeverityNumber >= query.MinimumSeverityNumber)
                .Where(l => query.Text is null || l.Body.Contains(query.Text, StringComparison.OrdinalIgnoreCase))
                .Where(l => query.TraceId is null || string.Equals(l.TraceId, query.TraceId, StringComparison.OrdinalIgnoreCase))
                .Where(l => query.Attribute is null || Matches(l.Attributes, query.Attribute))
                .Take(query.Limit)
                .ToList();
        }
    }

    public IReadOnlyList<MetricPoint> QueryMetric(string serviceName, string instrumentName, DateTimeOffset? since = null)
    {
        lock (_gate)
        {
            return _points.Where(p => p.ServiceName == serviceName && p.InstrumentName == instrumentName && (since is null || p.Time >= since))
                .ToList();
        }
    }

    private static TraceSummary Summarize(List<SpanRecord> spans)
    {
        var ids = spans.Select(s => s.SpanId).ToHashSet();
        var root = spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).MinBy(s => s.Start) ?? spans[0];
        var start = spans.Min(s => s.Start);
        return new TraceSummary(root.TraceId, root.Name, root.ServiceName, start, spans.Max(s => s.End) - start, spans.Count,
            spans.Count(s => s.Status == SpanStatus.Error),
            spans.GroupBy(s => s.ServiceName).ToDictionary(g => g.Key, g => g.Count()));
    }

    /// <summary>"key=value" matches exactly; any other text matches inside an attribute key or value.</summary>
    private static bool Matches(IReadOnlyDictionary<string, string> attributes, string filter)
    {
        var equals = filter.IndexOf('=');
        if (equals > 0)
            return attributes.TryGetValue(filter[..equals].Trim(), out var value) && value == filter[(equals + 1)..].Trim();
        return attributes.Any(a => a.Key.Contains(filter, StringComparison.OrdinalIgnoreCase) || a.Value.Contains(filter, StringComparison.OrdinalIgnoreCase));
    }
}
