using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace Platform.Outbox;

/// <summary>
/// Writes integration events into the outbox inside the caller's transaction, so an event exists exactly when
/// the change it reports was committed. The current trace context is kept with it, so the publish and every
/// consumer join the trace of the request that made the change.
/// </summary>
public static class OutboxWriter
{
    public const string NotificationChannel = "platform_outbox";

    /// <param name="partitionKey">Events with the same key (a child's IIN) are published in the order written.</param>
    public static async Task AddAsync<TMessage>(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid messageId, string partitionKey, TMessage message,
        CancellationToken cancellationToken) where TMessage : class
    {
        await using var command = new NpgsqlCommand("""
            WITH written AS (
                INSERT INTO platform.outbox_messages (message_id, partition_key, message_type, payload, trace_parent, trace_state)
                VALUES ($1, $2, $3, $4::jsonb, $5, $6)
                RETURNING id)
            SELECT pg_notify($7, '') FROM written
            """, connection, transaction);
        var activity = Activity.Current;
        command.Parameters.Add(new() { Value = messageId });
        command.Parameters.Add(new() { Value = partitionKey });
        // The runtime type, not TMessage: a caller holding a base type still publishes the specific event.
        command.Parameters.Add(new() { Value = OutboxMessageTypes.NameOf(message.GetType()) });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(message, message.GetType(), OutboxMessageTypes.Json) });
        command.Parameters.Add(new() { Value = (object?)activity?.Id ?? DBNull.Value });
        command.Parameters.Add(new() { Value = (object?)activity?.TraceStateString ?? DBNull.Value });
        command.Parameters.Add(new() { Value = NotificationChannel });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
