using Npgsql;

namespace Platform.Outbox;

/// <summary>The relay's reads and writes of the outbox table.</summary>
internal static class OutboxTable
{
    public static async Task<IReadOnlyList<PendingOutboxMessage>> ReadPendingAsync(NpgsqlDataSource dataSource, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, message_id, partition_key, message_type, payload::text, trace_parent, trace_state, attempts
            FROM platform.outbox_messages WHERE sent_at IS NULL ORDER BY id LIMIT $1
            """);
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var pending = new List<PendingOutboxMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            pending.Add(new PendingOutboxMessage(
                reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetInt32(7)));
        }
        return pending;
    }

    public static async Task MarkSentAsync(NpgsqlDataSource dataSource, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return;
        await using var command = dataSource.CreateCommand(
            "UPDATE platform.outbox_messages SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1)");
        command.Parameters.Add(new() { Value = ids.ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task RecordFailureAsync(NpgsqlDataSource dataSource, long id, string error, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE platform.outbox_messages SET attempts = attempts + 1, last_error = $2 WHERE id = $1");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = error });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<long> CountPendingAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM platform.outbox_messages WHERE sent_at IS NULL");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
