using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace Platform.Messaging;

/// <summary>A message MassTransit moved to a queue's <c>_error</c> queue after its retries, as an operator sees it.</summary>
public sealed record FailedMessage(
    string? MessageId, string? MessageType, string? Reason, string? ExceptionType, string? FaultedAt, int ReplayCount, IReadOnlyList<string> RecordIds);

/// <summary>What an operator's look at an error queue found.</summary>
public sealed record ErrorQueueContents(string Queue, uint Total, IReadOnlyList<FailedMessage> Messages);

/// <summary>
/// Lets an operator see and replay what a consumer could not process: MassTransit leaves such messages in
/// <c>&lt;queue&gt;_error</c> with the fault in their headers. Seeing them takes them without acknowledging and lets
/// the channel's close put them back in order; replaying publishes each back to the consumer's queue with the same
/// message id and body (the consumer's inbox keeps a replay that already succeeded from counting twice), waits for
/// the broker's confirm, and only then removes it from the error queue, so a crash in between duplicates at worst
/// and never loses.
/// </summary>
public sealed class ErrorQueue(string connectionString)
{
    public const string ReplayCountHeader = "platform-replay-count";
    private const string FaultHeaderPrefix = "MT-Fault-";
    private const string ReasonHeader = "MT-Reason";

    public static string ErrorQueueOf(string queue) => queue + "_error";

    public async Task<ErrorQueueContents> PeekAsync(string queue, int limit, CancellationToken cancellationToken)
    {
        var errorQueue = ErrorQueueOf(queue);
        await using var connection = await ConnectAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        if (await MessageCountAsync(connection, errorQueue, cancellationToken) is not { } total)
            return new ErrorQueueContents(errorQueue, 0, []);
        var messages = new List<FailedMessage>();
        while (messages.Count < limit && await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken) is { } delivery)
            messages.Add(Describe(delivery));
        // Closing the channel returns every unacknowledged message to the error queue, in its place.
        await channel.CloseAsync(cancellationToken);
        return new ErrorQueueContents(errorQueue, total, messages);
    }

    /// <summary>Moves the failed messages (all of them, or the one with <paramref name="messageId"/>) back to the queue.</summary>
    public async Task<int> ReplayAsync(string queue, string? messageId, CancellationToken cancellationToken)
    {
        var errorQueue = ErrorQueueOf(queue);
        await using var connection = await ConnectAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        if (await MessageCountAsync(connection, errorQueue, cancellationToken) is not { } total) return 0;
        var replayed = 0;
        // Bounded by what was there at the start: a message that fails again while we replay is not taken twice.
        for (var taken = 0u; taken < total && await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken) is { } delivery; taken++)
        {
            if (messageId is not null && delivery.BasicProperties.MessageId != messageId) continue;
            await channel.BasicPublishAsync("", queue, mandatory: true, ReplayProperties(delivery.BasicProperties), delivery.Body, cancellationToken);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
            replayed++;
        }
        await channel.CloseAsync(cancellationToken);
        return replayed;
    }

    private Task<IConnection> ConnectAsync(CancellationToken cancellationToken) =>
        new ConnectionFactory { Uri = new Uri(connectionString), ClientProvidedName = "error-queue" }.CreateConnectionAsync(cancellationToken);

    /// <summary>The queue's message count, or null when it does not exist (nothing has failed yet).</summary>
    private static async Task<uint?> MessageCountAsync(IConnection connection, string errorQueue, CancellationToken cancellationToken) =>
        (await QueueDepth.ReadAsync(connection, errorQueue, cancellationToken))?.MessagesReady;

    private static BasicProperties ReplayProperties(IReadOnlyBasicProperties failed)
    {
        var headers = (failed.Headers ?? new Dictionary<string, object?>())
            .Where(h => !h.Key.StartsWith(FaultHeaderPrefix, StringComparison.Ordinal) && h.Key != ReasonHeader)
            .ToDictionary(h => h.Key, h => h.Value);
        headers[ReplayCountHeader] = ReplayCount(failed) + 1;
        return new BasicProperties
        {
            MessageId = failed.MessageId,
            CorrelationId = failed.CorrelationId,
            ContentType = failed.ContentType,
            Type = failed.Type,
            Persistent = true,
            Headers = headers,
        };
    }

    private static FailedMessage Describe(BasicGetResult delivery)
    {
        var properties = delivery.BasicProperties;
        var (messageType, recordIds) = ReadEnvelope(delivery.Body);
        return new FailedMessage(properties.MessageId, messageType, Header(properties, FaultHeaderPrefix + "Message") ?? Header(properties, ReasonHeader),
            Header(properties, FaultHeaderPrefix + "ExceptionType"), Header(properties, FaultHeaderPrefix + "Timestamp"), ReplayCount(properties), recordIds);
    }

    private static int ReplayCount(IReadOnlyBasicProperties properties) =>
        properties.Headers?.TryGetValue(ReplayCountHeader, out var count) == true ? Convert.ToInt32(count) : 0;

    private static string? Header(IReadOnlyBasicProperties properties, string name) =>
        properties.Headers?.TryGetValue(name, out var value) == true
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), null => null, _ => value.ToString() }
            : null;

    /// <summary>
    /// The message's type and the records it carries, from MassTransit's JSON envelope; the child's IIN and the
    /// record's contents are left out, because operators see no personal data.
    /// </summary>
    private static (string? MessageType, IReadOnlyList<string> RecordIds) ReadEnvelope(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var envelope = JsonDocument.Parse(body);
            var root = envelope.RootElement;
            var type = root.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0
                ? types[0].GetString()?.Split(':').Last()
                : null;
            var records = new List<string>();
            if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
            {
                if (RecordIdOf(message) is { } single) records.Add(single);
                if (message.TryGetProperty("events", out var events) && events.ValueKind == JsonValueKind.Array)
                    records.AddRange(events.EnumerateArray().Select(RecordIdOf).OfType<string>());
            }
            return (type, records);
        }
        catch (JsonException)
        {
            return (null, []);
        }
    }

    private static string? RecordIdOf(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty("recordId", out var id) && id.ValueKind == JsonValueKind.String
            ? $"{(message.TryGetProperty("sourceAgency", out var agency) ? agency.GetString() + "/" : "")}{id.GetString()}"
            : null;
}
