using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Platform.AppHost.Dashboard.Telemetry;

namespace Platform.Dashboard.Tests.Otlp;

/// <summary>The real OpenTelemetry .NET exporter sending to our OTLP/HTTP receiver.</summary>
public sealed class OtlpRoundTripTests(OtlpReceiverFixture receiver) : IClassFixture<OtlpReceiverFixture>
{
    private void Configure(OtlpExporterOptions options, string signal)
    {
        options.Endpoint = new Uri(receiver.BaseAddress, $"/v1/{signal}");
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.Headers = $"x-otlp-api-key={OtlpReceiverFixture.ApiKey}";
        options.ExportProcessorType = ExportProcessorType.Simple;
    }

    private static ResourceBuilder Resource(string service) =>
        ResourceBuilder.CreateEmpty().AddService(service, serviceInstanceId: $"{service}-1");

    [Fact]
    public void Spans_arrive_with_parent_attributes_events_status_and_service()
    {
        var sourceName = $"test-{Guid.NewGuid():N}";
        using var source = new ActivitySource(sourceName);
        using (var tracing = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(Resource("education")).AddSource(sourceName)
                   .AddOtlpExporter(o => Configure(o, "traces")).Build())
        {
            using (var parent = source.StartActivity("Submit", ActivityKind.Server))
            {
                parent!.SetTag("platform.record.id", "edu-42");
                using var insert = source.StartActivity("INSERT record_versions", ActivityKind.Client);
                insert!.AddEvent(new ActivityEvent("outbox written", tags: new ActivityTagsCollection { ["event.id"] = "e-1" }));
                insert.SetStatus(ActivityStatusCode.Error, "unique violation");
            }
            tracing!.ForceFlush();
        }

        var trace = receiver.Store.QueryTraces(new TraceQuery(Attribute: "platform.record.id=edu-42")).Single();
        var spans = receiver.Store.GetTrace(trace.TraceId);
        Assert.Equal(2, trace.SpanCount);
        Assert.Equal(1, trace.ErrorCount);
        Assert.Equal("Submit", trace.RootName);
        var root = spans.Single(s => s.Name == "Submit");
        var child = spans.Single(s => s.Name == "INSERT record_versions");
        Assert.Equal(root.SpanId, child.ParentSpanId);
        Assert.Equal(("Server", "Client"), (root.Kind, child.Kind));
        Assert.Equal(("education", "education-1"), (root.ServiceName, root.InstanceId));
        Assert.Equal("e-1", Assert.Single(child.Events).Attributes["event.id"]);
        Assert.Equal((SpanStatus.Error, "unique violation"), (child.Status, child.StatusMessage));
        Assert.True(child.Duration >= TimeSpan.Zero && child.Start >= root.Start);
    }

    [Fact]
    public void Logs_arrive_with_severity_body_attributes_and_trace_context()
    {
        var marker = Guid.NewGuid().ToString("N");
        string traceId;
        using (var loggerFactory = LoggerFactory.Create(logging => logging.AddOpenTelemetry(o =>
               {
                   o.SetResourceBuilder(Resource("health"));
                   o.IncludeFormattedMessage = true;
                   o.AddOtlpExporter(e => Configure(e, "logs"));
               })))
        {
            using var activity = new Activity("request").Start();
            traceId = activity.TraceId.ToHexString();
            loggerFactory.CreateLogger("Platform.Tests").LogWarning("Screening {RecordId} has no follow-up ({Marker})", "med-7", marker);
        }

        var entry = receiver.Store.QueryLogs(new LogQuery(Text: marker)).Single();
        Assert.Equal(("health", "Warning", 13), (entry.ServiceName, entry.Severity, entry.SeverityNumber));
        Assert.Contains("med-7", entry.Body);
        Assert.Equal("med-7", entry.Attributes["RecordId"]);
        Assert.Equal(traceId, entry.TraceId);
        Assert.Single(receiver.Store.QueryLogs(new LogQuery(TraceId: traceId, Attribute: "RecordId=med-7")));
    }

    [Fact]
    public void Metric_points_arrive_for_counters_and_histograms()
    {
        var meterName = $"test-meter-{Guid.NewGuid():N}";
        using var meter = new Meter(meterName);
        var counter = meter.CreateCounter<long>("platform.test.records", "{record}", "Records accepted");
        var histogram = meter.CreateHistogram<double>("platform.test.duration", "s");
        using (var metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(Resource("social")).AddMeter(meterName)
                   .AddOtlpExporter((exporter, reader) =>
                   {
                       exporter.Endpoint = new Uri(receiver.BaseAddress, "/v1/metrics");
                       exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                       exporter.Headers = $"x-otlp-api-key={OtlpReceiverFixture.ApiKey}";
                       reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 60_000;
                   }).Build())
        {
            counter.Add(3, new KeyValuePair<string, object?>("agency", "social"));
            histogram.Record(0.25);
            histogram.Record(0.75);
            metrics!.ForceFlush();
        }

        var instruments = receiver.Store.Instruments.Where(i => i.ServiceName == "social").ToDictionary(i => i.Name);
        Assert.Equal((InstrumentType.Sum, "{record}", "Records accepted"),
            (instruments["platform.test.records"].Type, instruments["platform.test.records"].Unit, instruments["platform.test.records"].Description));
        Assert.Equal(InstrumentType.Histogram, instruments["platform.test.duration"].Type);
        var count = receiver.Store.QueryMetric("social", "platform.test.records").Last();
        Assert.Equal(3, count.Value);
        Assert.Equal("social", count.Attributes["agency"]);
        var durations = receiver.Store.QueryMetric("social", "platform.test.duration").Last();
        Assert.Equal((1.0, 2L), (durations.Value, durations.Count));
        Assert.NotEmpty(durations.BucketBounds!);
    }

    [Theory]
    [InlineData(OtlpReceiverFixture.ApiKey, true)]
    [InlineData("wrong-key", false)]
    public void Spans_arrive_over_otlp_grpc_only_with_the_api_key(string apiKey, bool accepted)
    {
        var sourceName = $"grpc-test-{Guid.NewGuid():N}";
        using var source = new ActivitySource(sourceName);
        using (var tracing = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(Resource("gateway")).AddSource(sourceName)
                   .AddOtlpExporter(o =>
                   {
                       o.Endpoint = receiver.GrpcAddress;
                       o.Protocol = OtlpExportProtocol.Grpc;
                       o.Headers = $"x-otlp-api-key={apiKey}";
                       o.ExportProcessorType = ExportProcessorType.Simple;
                   }).Build())
        {
            using (var activity = source.StartActivity("over-grpc"))
                activity!.SetTag("transport", sourceName);
            tracing!.ForceFlush();
        }

        Assert.Equal(accepted ? 1 : 0, receiver.Store.QueryTraces(new TraceQuery(Attribute: $"transport={sourceName}")).Count);
    }
}
