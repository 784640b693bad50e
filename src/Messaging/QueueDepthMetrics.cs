using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Platform.Messaging;

/// <summary>
/// The depth of this service's own queues and of their <c>_error</c> queues as gauges (meter
/// <see cref="MeterName"/>), so an operator sees a consumer falling behind, or messages that failed, in the dashboard
/// beside the service that owns the queue. The queues are those MassTransit reports ready; they are sampled with
/// passive declares over AMQP (the broker's management plugin is not needed). When the broker cannot be asked, the
/// gauges report nothing rather than a stale figure.
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
            unit: "{message}", description: "Messages waiting in the queue: consumer lag, or failed messages in an _error queue");
        meter.CreateObservableGauge(ConsumersInstrument, () => Measure(depth => depth.Consumers),
            unit: "{consumer}", description: "Consumers attached to the queue");
    }

    /// <summary>The queues sampled: every receive endpoint of this service that is ready, and its error queue.</summary>
    public IReadOnlyCollection<string> Queues => queues.Keys.Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<QueueDepth> Latest => latest;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IConnection? connection = null;
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                try
                {
                    connection ??= await broker.CreateConnectionAsync(stoppingToken);
                    latest = await SampleAsync(connection, stoppingToken);
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    latest = [];
                    logger.LogDebug(failure, "Queue depths could not be read; trying again in {Interval}", interval);
                    if (connection is not null) await connection.DisposeAsync();
                    connection = null;
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (connection is not null) await connection.DisposeAsync();
        }
    }

    private async Task<IReadOnlyList<QueueDepth>> SampleAsync(IConnection connection, CancellationToken cancellationToken)
    {
        var depths = new List<QueueDepth>();
        // An error queue that does not exist yet holds nothing: it is reported as 0, so the gauge is there to watch.
        foreach (var queue in Queues)
            depths.Add(await QueueDepth.ReadAsync(connection, queue, cancellationToken) ?? new QueueDepth(queue, 0, 0));
        return depths;
    }

    private IEnumerable<Measurement<long>> Measure(Func<QueueDepth, uint> figure) =>
        latest.Select(depth => new Measurement<long>(figure(depth), new KeyValuePair<string, object?>("messaging.destination.name", depth.Queue)));

    /// <summary>The queue a receive endpoint reads, or null for the bus's own temporary endpoint (replies), which comes and goes with the process.</summary>
    public static string? QueueOf(Uri inputAddress) =>
        inputAddress.Query.Contains("temporary=true", StringComparison.OrdinalIgnoreCase) ? null : inputAddress.Segments[^1].Trim('/');

    Task IReceiveEndpointObserver.Ready(ReceiveEndpointReady ready)
    {
        if (QueueOf(ready.InputAddress) is { Length: > 0 } queue)
        {
            queues.TryAdd(queue, true);
            queues.TryAdd(ErrorQueue.ErrorQueueOf(queue), true);
        }
        return Task.CompletedTask;
    }

    Task IReceiveEndpointObserver.Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;
    Task IReceiveEndpointObserver.Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;
    Task IReceiveEndpointObserver.Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;
}
