using Google.Protobuf;
using Microsoft.Extensions.Time.Testing;
using Platform.AppHost.Dashboard.Otlp.Collector.Logs;
using Platform.AppHost.Dashboard.Otlp.Collector.Trace;
using Platform.AppHost.Dashboard.Otlp.Common;
using Platform.AppHost.Dashboard.Otlp.Logs;
using Platform.AppHost.Dashboard.Otlp.Trace;
using Platform.AppHost.Dashboard.Telemetry;

namespace Platform.Dashboard.Tests.Telemetry;

public sealed class TelemetryStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"telemetry-{Guid.NewGuid():N}");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 10, 30, 0, TimeSpan.Zero));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private static ExportTraceServiceRequest Trace(string name, string service = "gateway", params (string Key, string Value)[] attributes)
    {
        var span = new Span
        {
            TraceId = ByteString.CopyFrom(Guid.NewGuid().ToByteArray()),
            SpanId = ByteString.CopyFrom(BitConverter.GetBytes(Random.Shared.NextInt64())),
            Name = name,
            StartTimeUnixNano = 1_700_000_000_000_000_000,
            EndTimeUnixNano = 1_700_000_000_100_000_000,
        };
        foreach (var (key, value) in attributes) span.Attributes.Add(new KeyValue { Key = key, Value = new AnyValue { StringValue = value } });
        var resource = new Platform.AppHost.Dashboard.Otlp.Resource.Resource();
        resource.Attributes.Add(new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = service } });
        return new ExportTraceServiceRequest { ResourceSpans = { new ResourceSpans { Resource = resource, ScopeSpans = { new ScopeSpans { Spans = { span } } } } } };
    }

    private static ExportLogsServiceRequest Log(string body, SeverityNumber severity) => new()
    {
        ResourceLogs = { new ResourceLogs { ScopeLogs = { new ScopeLogs { LogRecords = { new LogRecord
        {
            TimeUnixNano = 1_700_000_000_000_000_000, SeverityNumber = severity, Body = new AnyValue { StringValue = body },
        } } } } } },
    };

    private TelemetryStore Store(int maximumSpans = 100) =>
        new(new TelemetryStoreOptions { Directory = _directory, MaximumSpans = maximumSpans, Retention = TimeSpan.FromHours(24) }, _time);

    [Fact]
    public void Memory_is_bounded_and_the_oldest_spans_go_first()
    {
        var store = Store(maximumSpans: 3);
        foreach (var name in new[] { "a", "b", "c", "d", "e" }) store.Add(Trace(name));

        Assert.Equal(3, store.SpanCount);
        Assert.Equal(["c", "d", "e"], store.QueryTraces(new TraceQuery()).Select(t => t.RootName).Order());
    }

    [Fact]
    public void Telemetry_survives_a_restart_from_the_journal()
    {
        var first = Store();
        first.Add(Trace("before-restart", "education", ("platform.record.id", "edu-1")));
        first.Add(Log("stored log line", SeverityNumber.Error));

        var second = Store();
        second.Load();

        Assert.Equal("before-restart", Assert.Single(second.QueryTraces(new TraceQuery(Attribute: "edu-1"))).RootName);
        var entry = Assert.Single(second.QueryLogs(new LogQuery(MinimumSeverityNumber: 17)));
        Assert.Equal(("stored log line", "Error", "unknown_service"), (entry.Body, entry.Severity, entry.ServiceName));
    }

    [Fact]
    public void Files_older_than_the_retention_are_deleted_on_load()
    {
        Store().Add(Trace("old"));
        _time.Advance(TimeSpan.FromHours(30));
        Store().Add(Trace("new"));

        var reloaded = Store();
        reloaded.Load();

        Assert.Equal(["new"], reloaded.QueryTraces(new TraceQuery()).Select(t => t.RootName));
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public void A_batch_cut_short_by_a_crash_is_skipped_and_the_rest_loads()
    {
        var store = Store();
        store.Add(Trace("complete"));
        store.Add(Trace("torn"));
        var file = Directory.GetFiles(_directory).Single();
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..^10]);

        var reloaded = Store();
        reloaded.Load();

        Assert.Equal(["complete"], reloaded.QueryTraces(new TraceQuery()).Select(t => t.RootName));
    }

    [Fact]
    public void Traces_filter_by_service_duration_and_attribute()
    {
        var store = Store();
        store.Add(Trace("submit", "education", ("platform.record.id", "edu-7")));
        store.Add(Trace("profile", "gateway", ("platform.record.id", "edu-8")));

        Assert.Equal(["submit"], store.QueryTraces(new TraceQuery(Service: "education")).Select(t => t.RootName));
        Assert.Equal(["profile"], store.QueryTraces(new TraceQuery(Attribute: "platform.record.id=edu-8")).Select(t => t.RootName));
        Assert.Empty(store.QueryTraces(new TraceQuery(Attribute: "platform.record.id=edu")));
        Assert.Equal(2, store.QueryTraces(new TraceQuery(Attribute: "edu")).Count);
        Assert.Empty(store.QueryTraces(new TraceQuery(MinimumDuration: TimeSpan.FromSeconds(1))));
        Assert.Equal(2, store.QueryTraces(new TraceQuery(MinimumDuration: TimeSpan.FromMilliseconds(100))).Count);
    }
}
