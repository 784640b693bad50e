using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
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

    [Fact]
    public async Task A_hung_broker_leaves_the_gauges_empty_and_never_stops_the_sampling()
    {
        // A broker that accepts connections and never answers, as a SIGSTOPped node does.
        using var hung = new TcpListener(IPAddress.Loopback, 0);
        hung.Start();
        var attempts = 0;
        var accepted = new List<TcpClient>();
        using var stopAccepting = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    accepted.Add(await hung.AcceptTcpClientAsync(stopAccepting.Token));
                    Interlocked.Increment(ref attempts);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new QueueDepthMetrics($"amqp://guest:guest@127.0.0.1:{((IPEndPoint)hung.LocalEndpoint).Port}/", TimeSpan.FromMilliseconds(200),
            services.GetRequiredService<IMeterFactory>(), TimeProvider.System, NullLogger<QueueDepthMetrics>.Instance);
        await metrics.StartAsync(CancellationToken.None);

        // The first attempt has to time out (the AMQP handshake) before the second is made.
        await Eventually.Until(() => Volatile.Read(ref attempts) >= 2, "a second connection attempt");
        Assert.False(metrics.ExecuteTask!.IsCompleted, metrics.ExecuteTask.Exception?.ToString());
        Assert.Empty(metrics.Latest);
        await metrics.StopAsync(CancellationToken.None);
        await stopAccepting.CancelAsync();
        await accepting;
        foreach (var client in accepted) client.Dispose();
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
