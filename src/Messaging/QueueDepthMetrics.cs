using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Platform.Messaging;

/// <summary>
/// The depth of this service's own queues as gauges (meter <see cref="MeterName"/>), so an operator sees a consumer
/// falling behind in the dashboard beside the service that owns the queue. The queues are those MassTransit reports
/// ready, sampled with passive declares over AMQP (the broker's management plugin is not needed). Their
/// <c>_error</c> queues are left out: they exist only once something failed, and asking for a missing queue is an
/// error line in the broker's log each time; failures are counted by MassTransit's own
/// <c>messaging.masstransit.consume.errors</c>, and the operations API lists what an error queue holds. When the
/// broker cannot be asked, the gauges report nothing rather than a stale figure.
/// </summary>
public sealed class QueueDepthMetrics : BackgroundService, IReceiveEndpointObserver
{
    public const string MeterName = "Platform.Messaging";
    public const string MessagesReadyInstrument = "platform.messaging.queue.messages_ready";
    public const string ConsumersInstrument = "platform.messaging.queue.consumers";

    private readonly ConnectionFactory broker;
    private readonly TimeSpan interval;
    private readonly TimeProvider time;
    private readonly ILogger<QueueDepthMetrics> logger;
    private readonly ConcurrentDictionary<string, bool> queues = new();
    private volatile IReadOnlyList<QueueDepth> latest = [];

    public QueueDepthMetrics(string connectionString, TimeSpan interval, IMeterFactory meterFactory, TimeProvider time, ILogger<QueueDepthMetrics> logger)
    {
        broker = new ConnectionFactory { Uri = new Uri(connectionString), ClientProvidedName = "queue-depth-metrics" };
        this.interval = interval;
        this.time = time;
        this.logger = logger;
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge(MessagesReadyInstrument, () => Measure(depth => depth.MessagesReady),
            unit: "{message}", description: "Messages waiting in the queue for a consumer");
        meter.CreateObservableGauge(ConsumersInstrument, () => Measure(depth => depth.Consumers),
            unit: "{consumer}", description: "Consumers attached to the queue");
    }

    /// <summary>The queues sampled: every receive endpoint of this service that is ready.</summary>
    public IReadOnlyCollection<string> Queues => queues.Keys.Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<QueueDepth> Latest => latest;

    private TimeSpan SampleTimeout => interval > TimeSpan.FromSeconds(5) ? interval : TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IConnection? connection = null;
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                // A hung broker may never answer: each sample gets a deadline of its own.
                using var sampleTimeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                sampleTimeout.CancelAfter(SampleTimeout);
                try
                {
                    connection ??= await broker.CreateConnectionAsync(sampleTimeout.Token);
                    latest = await SampleAsync(connection, sampleTimeout.Token);
                }
                // Whatever the broker does (down, hung: a timeout surfaces as a cancellation), sampling goes on; only
                // the host stopping ends it. A metric must never be why a service stops.
                catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
                {
                    latest = [];
                    logger.LogDebug(failure, "Queue depths could not be read; trying again in {Interval}", interval);
                    if (connection is not null) await DropAsync(connection);
                    connection = null;
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (connection is not null) await DropAsync(connection);
        }
    }

    /// <summary>Aborted, not closed: a hung broker would never answer a close, and an abort does not throw.</summary>
    private static async Task DropAsync(IConnection connection)
    {
        await connection.AbortAsync();
        await connection.DisposeAsync();
    }

    private async Task<IReadOnlyList<QueueDepth>> SampleAsync(IConnection connection, CancellationToken cancellationToken)
    {
        var depths = new List<QueueDepth>();
        foreach (var queue in Queues)
            if (await QueueDepth.ReadAsync(connection, queue, cancellationToken) is { } depth) depths.Add(depth);
        return depths;
    }

    private IEnumerable<Measurement<long>> Measure(Func<QueueDepth, uint> figure) =>
        latest.Select(depth => new Measurement<long>(figure(depth), new KeyValuePair<string, object?>("messaging.destination.name", depth.Queue)));

    /// <summary>The queue a receive endpoint reads, or null for the bus's own temporary endpoint (replies), which comes and goes with the process.</summary>
    public static string? QueueOf(Uri inputAddress) =>
        inputAddress.Query.Contains("temporary=true", StringComparison.OrdinalIgnoreCase) ? null : inputAddress.Segments[^1].Trim('/');

    Task IReceiveEndpointObserver.Ready(ReceiveEndpointReady ready)
    {
        if (QueueOf(ready.InputAddress) is { Length: > 0 } queue) queues.TryAdd(queue, true);
        return Task.CompletedTask;
    }

    Task IReceiveEndpointObserver.Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;
    Task IReceiveEndpointObserver.Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;
    Task IReceiveEndpointObserver.Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;
}
