using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.Outbox;

/// <summary>
/// Publishes pending outbox rows and marks them sent. One instance of a service relays at a time (a PostgreSQL
/// advisory lock held on a dedicated connection), which keeps each child's events in order; the others stand
/// by and take over when it stops. A row is marked sent only after the broker confirmed it, so a crash or a
/// broker outage delays events but never loses them (at worst one is published twice; consumers deduplicate
/// by message id).
/// </summary>
internal sealed class OutboxRelay(
    NpgsqlDataSource dataSource, OutboxPublisher publisher, OutboxOptions options, ILogger<OutboxRelay> logger) : BackgroundService
{
    private const long LeaderLockKey = 0x504C_4154_4F55_5458; // "PLATOUTX"
    private static readonly Meter Meter = new("Platform.Outbox");
    private long _pending;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Meter.CreateObservableGauge("platform.outbox.pending", () => Interlocked.Read(ref _pending), "{message}",
            "Outbox rows written but not yet confirmed by the broker.");
        var published = Meter.CreateCounter<long>("platform.outbox.published", "{message}", "Outbox rows confirmed by the broker.");

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var leader = await dataSource.OpenConnectionAsync(stoppingToken);
                if (!await TryBecomeLeaderAsync(leader, stoppingToken))
                {
                    await Task.Delay(options.PollInterval * 5, stoppingToken);
                    continue;
                }
                await using (var listen = new NpgsqlCommand($"LISTEN {OutboxWriter.NotificationChannel}", leader))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                await RelayWhileLeaderAsync(leader, published, stoppingToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Outbox relay lost its database connection; retrying");
                await Task.Delay(options.MaximumBackoff / 10, stoppingToken);
            }
        }
    }

    private static async Task<bool> TryBecomeLeaderAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LeaderLockKey})", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task RelayWhileLeaderAsync(NpgsqlConnection leader, Counter<long> published, CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var batch = await OutboxTable.ReadPendingAsync(dataSource, options.BatchSize, stoppingToken);
            Interlocked.Exchange(ref _pending, batch.Count < options.BatchSize
                ? batch.Count
                : await OutboxTable.CountPendingAsync(dataSource, stoppingToken));
            if (batch.Count == 0)
            {
                // A notification (or the poll interval) ends the wait; the keep-alive query also proves the lock is still ours.
                await leader.WaitAsync(options.PollInterval, stoppingToken);
                continue;
            }

            var result = await publisher.PublishAsync(batch, options.PublishTimeout, stoppingToken);
            await OutboxTable.MarkSentAsync(dataSource, result.Sent, stoppingToken);
            published.Add(result.Sent.Count);

            if (result.Failed.Count == 0)
            {
                failures = 0;
                continue;
            }
            foreach (var (id, error) in result.Failed) await OutboxTable.RecordFailureAsync(dataSource, id, error, stoppingToken);
            var delay = Backoff.Delay(++failures, options.MinimumBackoff, options.MaximumBackoff);
            logger.LogWarning("Outbox relay could not publish {Failed} of {Total} messages ({Error}); next try in {Delay}",
                result.Failed.Count, batch.Count, result.Failed[0].Error, delay);
            await Task.Delay(delay, stoppingToken);
        }
    }
}

public static class Backoff
{
    /// <summary>Exponential from <paramref name="minimum"/>, capped at <paramref name="maximum"/>, with ±20% jitter.</summary>
    public static TimeSpan Delay(int attempt, TimeSpan minimum, TimeSpan maximum, double? jitter = null)
    {
        var exponential = minimum.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var capped = Math.Min(exponential, maximum.TotalMilliseconds);
        var factor = 0.8 + 0.4 * (jitter ?? Random.Shared.NextDouble());
        return TimeSpan.FromMilliseconds(Math.Min(capped * factor, maximum.TotalMilliseconds));
    }
}
