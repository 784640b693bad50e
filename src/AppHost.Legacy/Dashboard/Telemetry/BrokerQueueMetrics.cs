using Platform.AppHost.Dashboard.Otlp.Collector.Metrics;
using Platform.AppHost.Dashboard.Otlp.Common;
using Platform.AppHost.Dashboard.Otlp.Metrics;
using Platform.AppHost.Hosting.Runners;

namespace Platform.AppHost.Dashboard.Telemetry;

/// <summary>
/// Queue depth, unacknowledged messages and consumers of the private RabbitMQ node, sampled by the AppHost and
/// shown as the broker's metrics: messages ready in a consumer's queue are its lag.
/// </summary>
public static class BrokerQueueMetrics
{
    public static ExportMetricsServiceRequest ToMetrics(string brokerName, IReadOnlyList<QueueDepth> queues, DateTimeOffset now)
    {
        var time = (ulong)(now - DateTimeOffset.UnixEpoch).Ticks * 100;
        Metric Gauge(string name, string description, Func<QueueDepth, long> value)
        {
            var gauge = new Gauge();
            foreach (var queue in queues)
            {
                var point = new NumberDataPoint { TimeUnixNano = time, AsInt = value(queue) };
                point.Attributes.Add(new KeyValue { Key = "messaging.destination.name", Value = new AnyValue { StringValue = queue.Queue } });
                gauge.DataPoints.Add(point);
            }
            return new Metric { Name = name, Description = description, Unit = "{message}", Gauge = gauge };
        }

        var resource = new Platform.AppHost.Dashboard.Otlp.Resource.Resource();
        resource.Attributes.Add(new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = brokerName } });
        return new ExportMetricsServiceRequest
        {
            ResourceMetrics =
            {
                new ResourceMetrics
                {
                    Resource = resource,
                    ScopeMetrics =
                    {
                        new ScopeMetrics
                        {
                            Scope = new InstrumentationScope { Name = "Platform.AppHost" },
                            Metrics =
                            {
                                Gauge("rabbitmq.queue.messages_ready", "Messages waiting in the queue (consumer lag)", q => q.Ready),
                                Gauge("rabbitmq.queue.messages_unacknowledged", "Messages delivered but not yet acknowledged", q => q.Unacknowledged),
                                Gauge("rabbitmq.queue.consumers", "Consumers attached to the queue", q => q.Consumers),
                            },
                        },
                    },
                },
            },
        };
    }
}
