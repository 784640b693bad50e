using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Platform.AppHost.Dashboard.Otlp.Collector.Logs;
using Platform.AppHost.Dashboard.Otlp.Collector.Metrics;
using Platform.AppHost.Dashboard.Otlp.Collector.Trace;
using Platform.AppHost.Dashboard.Otlp.Common;
using Platform.AppHost.Dashboard.Otlp.Metrics;
using OtlpSpan = Platform.AppHost.Dashboard.Otlp.Trace.Span;
using OtlpStatus = Platform.AppHost.Dashboard.Otlp.Trace.Status;

namespace Platform.AppHost.Dashboard.Telemetry;

/// <summary>Turns OTLP requests into the flat records the dashboard keeps. Pure: no state, no I/O.</summary>
public static class OtlpConversion
{
    public const string UnknownService = "unknown_service";

    public static IEnumerable<SpanRecord> Spans(ExportTraceServiceRequest request) =>
        from resourceSpans in request.ResourceSpans
        let resource = Attributes(resourceSpans.Resource?.Attributes)
        from scopeSpans in resourceSpans.ScopeSpans
        from span in scopeSpans.Spans
        select new SpanRecord(
            Hex(span.TraceId), Hex(span.SpanId), span.ParentSpanId.IsEmpty ? null : Hex(span.ParentSpanId), span.Name,
            KindName(span.Kind), Time(span.StartTimeUnixNano), Time(span.EndTimeUnixNano),
            span.Status?.Code switch { OtlpStatus.Types.StatusCode.Error => SpanStatus.Error, OtlpStatus.Types.StatusCode.Ok => SpanStatus.Ok, _ => SpanStatus.Unset },
            string.IsNullOrEmpty(span.Status?.Message) ? null : span.Status.Message,
            ServiceName(resource), resource.GetValueOrDefault("service.instance.id"), scopeSpans.Scope?.Name ?? "",
            Attributes(span.Attributes),
            span.Events.Select(e => new SpanEvent(e.Name, Time(e.TimeUnixNano), Attributes(e.Attributes))).ToList());

    public static IEnumerable<LogEntry> Logs(ExportLogsServiceRequest request) =>
        from resourceLogs in request.ResourceLogs
        let resource = Attributes(resourceLogs.Resource?.Attributes)
        from scopeLogs in resourceLogs.ScopeLogs
        from log in scopeLogs.LogRecords
        select new LogEntry(
            0, Time(log.TimeUnixNano != 0 ? log.TimeUnixNano : log.ObservedTimeUnixNano), (int)log.SeverityNumber,
            string.IsNullOrEmpty(log.SeverityText) ? SeverityName((int)log.SeverityNumber) : log.SeverityText,
            log.Body is null ? "" : Display(log.Body), ServiceName(resource), resource.GetValueOrDefault("service.instance.id"),
            scopeLogs.Scope?.Name ?? "", log.TraceId.IsEmpty ? null : Hex(log.TraceId), log.SpanId.IsEmpty ? null : Hex(log.SpanId),
            Attributes(log.Attributes));

    public static IEnumerable<(MetricInstrument Instrument, MetricPoint Point)> Metrics(ExportMetricsServiceRequest request)
    {
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var service = ServiceName(Attributes(resourceMetrics.Resource?.Attributes));
            foreach (var metric in resourceMetrics.ScopeMetrics.SelectMany(s => s.Metrics))
            {
                var instrument = new MetricInstrument(service, metric.Name, metric.Unit, metric.Description, metric.DataCase switch
                {
                    Metric.DataOneofCase.Sum => InstrumentType.Sum,
                    Metric.DataOneofCase.Histogram => InstrumentType.Histogram,
                    Metric.DataOneofCase.ExponentialHistogram => InstrumentType.ExponentialHistogram,
                    Metric.DataOneofCase.Summary => InstrumentType.Summary,
                    _ => InstrumentType.Gauge,
                });
                foreach (var point in Points(service, metric)) yield return (instrument, point);
            }
        }
    }

    private static IEnumerable<MetricPoint> Points(string service, Metric metric) => metric.DataCase switch
    {
        Metric.DataOneofCase.Gauge => metric.Gauge.DataPoints.Select(p => Number(service, metric.Name, p)),
        Metric.DataOneofCase.Sum => metric.Sum.DataPoints.Select(p => Number(service, metric.Name, p)),
        Metric.DataOneofCase.Histogram => metric.Histogram.DataPoints.Select(p => new MetricPoint(service, metric.Name, Time(p.TimeUnixNano),
            p.HasSum ? p.Sum : 0, (long)p.Count, p.ExplicitBounds.ToList(), p.BucketCounts.ToList(), Attributes(p.Attributes))),
        Metric.DataOneofCase.ExponentialHistogram => metric.ExponentialHistogram.DataPoints.Select(p => new MetricPoint(service, metric.Name,
            Time(p.TimeUnixNano), p.HasSum ? p.Sum : 0, (long)p.Count, null, null, Attributes(p.Attributes))),
        Metric.DataOneofCase.Summary => metric.Summary.DataPoints.Select(p => new MetricPoint(service, metric.Name, Time(p.TimeUnixNano),
            p.Sum, (long)p.Count, null, null, Attributes(p.Attributes))),
        _ => [],
    };

    private static MetricPoint Number(string service, string name, NumberDataPoint point) =>
        new(service, name, Time(point.TimeUnixNano), point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble,
            null, null, null, Attributes(point.Attributes));

    public static IReadOnlyDictionary<string, string> Attributes(RepeatedField<KeyValue>? attributes) =>
        attributes is null ? new Dictionary<string, string>() : attributes.GroupBy(a => a.Key).ToDictionary(g => g.Key, g => Display(g.Last().Value));

    public static string Display(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.ArrayValue => "[" + string.Join(", ", value.ArrayValue.Values.Select(Display)) + "]",
        AnyValue.ValueOneofCase.KvlistValue => "{" + string.Join(", ", value.KvlistValue.Values.Select(kv => $"{kv.Key}: {Display(kv.Value)}")) + "}",
        AnyValue.ValueOneofCase.BytesValue => Convert.ToBase64String(value.BytesValue.Span),
        _ => "",
    };

    public static string SeverityName(int severityNumber) => severityNumber switch
    {
        >= 21 => "Critical",
        >= 17 => "Error",
        >= 13 => "Warning",
        >= 9 => "Information",
        >= 5 => "Debug",
        >= 1 => "Trace",
        _ => "Unspecified",
    };

    private static string ServiceName(IReadOnlyDictionary<string, string> resource) => resource.GetValueOrDefault("service.name") ?? UnknownService;

    private static string KindName(OtlpSpan.Types.SpanKind kind) => kind switch
    {
        OtlpSpan.Types.SpanKind.Server => "Server",
        OtlpSpan.Types.SpanKind.Client => "Client",
        OtlpSpan.Types.SpanKind.Producer => "Producer",
        OtlpSpan.Types.SpanKind.Consumer => "Consumer",
        _ => "Internal",
    };

    private static string Hex(ByteString bytes) => Convert.ToHexString(bytes.Span).ToLowerInvariant();

    private static DateTimeOffset Time(ulong unixNanoseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)(unixNanoseconds / 100));
}
