using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Messaging;
using Platform.Testing;
using RabbitMQ.Client;

namespace Platform.SharedKernels.Tests;

public sealed class QueueDepthMetricsTests
{
    [Fact]
    public async Task A_services_own_queues_and_their_error_queues_are_gauged_with_their_depth_and_consumers()
    {
        var servers = await SharedInfrastructure.GetAsync();
        var service = "depth-" + Guid.NewGuid().ToString("N")[..8];
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:messaging"] = servers.MessagingConnectionString;
        builder.Configuration["OTEL_SERVICE_NAME"] = service;
        builder.Configuration["Messaging:QueueMetricsInterval"] = "00:00:00.200";
        builder.AddPlatformMessaging();
        using var host = builder.Build();
        await host.StartAsync();
        var metrics = host.Services.GetRequiredService<QueueDepthMetrics>();

        // The bus probe's queue is the service's only receive endpoint here; the bus's temporary reply queue is not gauged.
        var queue = Assert.Single(metrics.Queues, name => !name.EndsWith("_error", StringComparison.Ordinal));
        Assert.StartsWith(service, queue);
        Assert.Equal([queue, ErrorQueue.ErrorQueueOf(queue)], metrics.Queues);

        await PutFailedMessagesAsync(servers.MessagingConnectionString, ErrorQueue.ErrorQueueOf(queue), count: 3);
        await Eventually.Until(() => metrics.Latest.Any(depth => depth.Queue == ErrorQueue.ErrorQueueOf(queue) && depth.MessagesReady == 3),
            "the three failed messages sampled");

        var gauged = Observe();
        Assert.Equal(3, gauged[(QueueDepthMetrics.MessagesReadyInstrument, ErrorQueue.ErrorQueueOf(queue))]);
        Assert.Equal(0, gauged[(QueueDepthMetrics.MessagesReadyInstrument, queue)]);
        Assert.Equal(1, gauged[(QueueDepthMetrics.ConsumersInstrument, queue)]);
        await host.StopAsync();
    }

    private static async Task PutFailedMessagesAsync(string connectionString, string errorQueue, int count)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.QueueDeclareAsync(errorQueue, durable: true, exclusive: false, autoDelete: false);
        for (var i = 0; i < count; i++)
            await channel.BasicPublishAsync("", errorQueue, mandatory: true, new BasicProperties { Persistent = true }, new byte[] { 1 });
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
