using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Messaging;
using Platform.Testing;

namespace Platform.SharedKernels.Tests;

public sealed record QueueDepthProbe(string Run);

/// <summary>Takes one message at a time and holds it until the test lets go, so the rest wait in the queue.</summary>
public sealed class HeldConsumer : IConsumer<QueueDepthProbe>
{
    public static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new();

    public Task Consume(ConsumeContext<QueueDepthProbe> context) => Gates.GetOrAdd(context.Message.Run, _ => new()).Task;
}

public sealed class QueueDepthMetricsTests
{
    [Fact]
    public async Task A_services_own_queues_are_gauged_with_the_messages_waiting_and_the_consumers_attached()
    {
        var servers = await SharedInfrastructure.GetAsync();
        var service = "depth-" + Guid.NewGuid().ToString("N")[..8];
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:messaging"] = servers.MessagingConnectionString;
        builder.Configuration["OTEL_SERVICE_NAME"] = service;
        builder.Configuration["Messaging:QueueMetricsInterval"] = "00:00:00.200";
        builder.AddPlatformMessaging(bus => bus.AddConsumer<HeldConsumer>().Endpoint(endpoint =>
        {
            endpoint.PrefetchCount = 1;
            endpoint.ConcurrentMessageLimit = 1;
        }));
        using var host = builder.Build();
        await host.StartAsync();
        var metrics = host.Services.GetRequiredService<QueueDepthMetrics>();

        // The service's two receive endpoints (the bus probe's and the held consumer's); the bus's temporary reply
        // queue and the error queues are not gauged.
        Assert.Equal(2, metrics.Queues.Count);
        Assert.All(metrics.Queues, queue => Assert.StartsWith(service, queue));
        var held = Assert.Single(metrics.Queues, queue => queue.EndsWith("-held", StringComparison.Ordinal));

        var bus = host.Services.GetRequiredService<IBus>();
        for (var i = 0; i < 4; i++) await bus.Publish(new QueueDepthProbe(service));
        // One message is with the consumer, the other three wait.
        await Eventually.Until(() => metrics.Latest.Any(depth => depth.Queue == held && depth.MessagesReady == 3), "three messages waiting");
        var gauged = Observe();
        Assert.Equal(3, gauged[(QueueDepthMetrics.MessagesReadyInstrument, held)]);
        Assert.Equal(1, gauged[(QueueDepthMetrics.ConsumersInstrument, held)]);

        HeldConsumer.Gates.GetOrAdd(service, _ => new()).SetResult();
        await Eventually.Until(() => metrics.Latest.Any(depth => depth.Queue == held && depth.MessagesReady == 0), "the queue drained");
        await host.StopAsync();
    }

    private static Dictionary<(string Instrument, string Queue), long> Observe()
    {
        var values = new ConcurrentDictionary<(string, string), long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Meter.Name == QueueDepthMetrics.MeterName) meterListener.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag is { Key: "messaging.destination.name", Value: string queue }) values[(instrument.Name, queue)] = value;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return new Dictionary<(string, string), long>(values);
    }
}
