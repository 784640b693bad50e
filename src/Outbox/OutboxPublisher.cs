using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using MassTransit;

namespace Platform.Outbox;

/// <summary>
/// Publishes a batch of outbox rows: children in parallel, each child's events one after another in the order
/// they were written, each awaited until the broker confirms it. The first failure of a child stops that
/// child's sequence, so a later event never overtakes an earlier one.
/// </summary>
internal sealed class OutboxPublisher(IBus publisher)
{
    public static readonly ActivitySource ActivitySource = new("Platform.Outbox");

    public sealed record Result(IReadOnlyCollection<long> Sent, IReadOnlyList<(long Id, string Error)> Failed);

    /// <summary>
    /// Publishes what it can within <paramref name="timeout"/>; whatever is not confirmed by then is reported as
    /// failed (it stays pending and is tried again), so a broker that hangs cannot stall the relay.
    /// </summary>
    public async Task<Result> PublishAsync(IReadOnlyList<PendingOutboxMessage> batch, TimeSpan timeout, CancellationToken stopping)
    {
        var sent = new ConcurrentDictionary<long, bool>();
        var failed = new ConcurrentBag<(long, string)>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(timeout);
        try
        {
            await Parallel.ForEachAsync(
                batch.GroupBy(m => m.PartitionKey),
                new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = deadline.Token },
                async (child, token) =>
                {
                    foreach (var message in child)
                    {
                        try
                        {
                            await PublishOneAsync(message, token);
                            sent[message.Id] = true;
                        }
                        catch (Exception exception) when (exception is not OperationCanceledException)
                        {
                            failed.Add((message.Id, exception.GetBaseException().Message));
                            return;
                        }
                    }
                });
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            // The broker did not confirm in time: the first unconfirmed event of each child is reported below.
        }
        var reported = failed.Select(f => f.Item1).ToHashSet();
        var unconfirmed = batch.Where(m => !sent.ContainsKey(m.Id)).GroupBy(m => m.PartitionKey).Select(g => g.First())
            .Where(m => !reported.Contains(m.Id))
            .Select(m => (m.Id, $"not confirmed by the broker within {timeout.TotalSeconds:0.#} s"));
        return new Result(sent.Keys.ToArray(), failed.Concat(unconfirmed).OrderBy(f => f.Item1).ToList());
    }

    private async Task PublishOneAsync(PendingOutboxMessage message, CancellationToken cancellationToken)
    {
        var type = OutboxMessageTypes.Resolve(message.MessageType);
        var payload = JsonSerializer.Deserialize(message.Payload, type, OutboxMessageTypes.Json)
            ?? throw new InvalidOperationException($"Outbox row {message.Id} has an empty payload.");

        // The publish continues the trace of the request that wrote the event, so one trace shows its whole path.
        ActivityContext.TryParse(message.TraceParent, message.TraceState, out var parent);
        using var activity = ActivitySource.StartActivity("outbox relay", ActivityKind.Internal, parent);
        activity?.SetTag("platform.outbox.id", message.Id);
        activity?.SetTag("messaging.message.id", message.MessageId.ToString());
        if (payload is Platform.Contracts.IntegrationEvents.AgencyRecordEvent recordEvent) activity?.SetTag("platform.record.id", recordEvent.RecordId);
        // WaitAsync: a publish waiting for a lost connection must not hold the relay past its timeout; if it still
        // goes out later, the event is published twice, which the consumers' inboxes absorb.
        await publisher.Publish(payload, type, context => context.MessageId = message.MessageId, cancellationToken).WaitAsync(cancellationToken);
    }
}
