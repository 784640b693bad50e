using Platform.AppHost.Dashboard.Telemetry;
using Platform.AppHost.Hosting.Runners;

namespace Platform.Dashboard.Tests.Telemetry;

public sealed class BrokerQueueMetricsTests
{
    [Fact]
    public void Rabbitmqctl_output_becomes_queue_gauges_of_the_broker()
    {
        var queues = QueueDepth.ParseList("gateway-profile\t12\t3\t1\ngateway-profile_error\t2\t0\t0\nWarning: something\n");
        Assert.Equal([new QueueDepth("gateway-profile", 12, 3, 1), new QueueDepth("gateway-profile_error", 2, 0, 0)], queues);

        var store = new TelemetryStore(new TelemetryStoreOptions());
        store.Add(BrokerQueueMetrics.ToMetrics("messaging", queues, DateTimeOffset.UtcNow));

        var ready = store.QueryMetric("messaging", "rabbitmq.queue.messages_ready");
        Assert.Equal([12d, 2d], ready.Select(p => p.Value));
        Assert.Equal("gateway-profile", ready[0].Attributes["messaging.destination.name"]);
        Assert.Contains(store.Instruments, i => i is { ServiceName: "messaging", Name: "rabbitmq.queue.consumers", Type: InstrumentType.Gauge });
    }
}
