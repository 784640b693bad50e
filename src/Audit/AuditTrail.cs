using System.Diagnostics;
using System.Threading.Channels;
using Npgsql;

namespace Platform.Audit;

/// <summary>
/// Appends entries to the service's hash-chained audit log. Appends serialise on the chain head's row lock, held
/// until the appending transaction ends: in the caller's transaction, append last, just before committing, so
/// other requests wait for it as briefly as possible. Appends of their own (reads) are grouped: whatever arrives
/// while one group commits goes into the next, so concurrent reads share one lock and one commit instead of queueing
/// for one each; every caller still returns only after its entries are committed.
/// </summary>
public sealed class AuditTrail(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const int MaximumEntriesPerGroup = 1_000;

    private sealed record PendingAppend(IReadOnlyList<AuditEntry> Entries, TaskCompletionSource<IReadOnlyList<AuditLogRow>> Appended);

    private readonly Channel<PendingAppend> _pending = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private int _writerStarted;

    /// <summary>Appends in a transaction of its own (grouped with concurrent appends): for reads, which change nothing else.</summary>
    public async Task<IReadOnlyList<AuditLogRow>> AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in entries) Validate(entry);
        if (entries.Count == 0) return [];
        // The trace is the caller's, not the group writer's.
        var traceId = Activity.Current?.TraceId.ToHexString();
        var pending = new PendingAppend(entries.Select(e => e with { TraceId = e.TraceId ?? traceId }).ToList(),
            new TaskCompletionSource<IReadOnlyList<AuditLogRow>>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _pending.Writer.WriteAsync(pending, cancellationToken);
        if (Interlocked.Exchange(ref _writerStarted, 1) == 0) _ = Task.Run(WriteGroupsAsync, CancellationToken.None);
        return await pending.Appended.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteGroupsAsync()
    {
        while (await _pending.Reader.WaitToReadAsync())
        {
            var group = new List<PendingAppend>();
            while (group.Sum(p => p.Entries.Count) < MaximumEntriesPerGroup && _pending.Reader.TryRead(out var next)) group.Add(next);
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync();
                await using var transaction = await connection.BeginTransactionAsync();
                var rows = await AppendAsync(connection, transaction, group.SelectMany(p => p.Entries).ToList(), CancellationToken.None);
                await transaction.CommitAsync();
                var offset = 0;
                foreach (var append in group)
                {
                    append.Appended.SetResult(rows.Skip(offset).Take(append.Entries.Count).ToList());
                    offset += append.Entries.Count;
                }
            }
            catch (Exception exception)
            {
                foreach (var append in group) append.Appended.TrySetException(exception);
            }
        }
    }

    /// <summary>
    /// Appends in the caller's transaction: for writes, so the change and its audit commit or roll back together.
    /// The transaction must be read committed (the default): under repeatable read, waiting for the chain head
    /// behind another appender ends in a serialization failure.
    /// </summary>
    public async Task<IReadOnlyList<AuditLogRow>> AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in entries) Validate(entry);
        if (entries.Count == 0) return [];

        var (lastSequence, lastHash) = await LockChainHeadAsync(connection, transaction, cancellationToken);
        // Taken under the lock, so times never go backwards along the chain within one clock.
        var occurredAt = AuditRowHash.TruncateToMicroseconds(time.GetUtcNow());
        var traceId = Activity.Current?.TraceId.ToHexString();

        var rows = new List<AuditLogRow>(entries.Count);
        var previousHash = lastHash;
        foreach (var entry in entries)
        {
            var row = new AuditLogRow(
                lastSequence + rows.Count + 1, occurredAt, entry.Actor, entry.Action, entry.SubjectIin, entry.Sections, entry.Purpose,
                entry.IsBreakGlass, entry.BreakGlassReason, entry.FlaggedForReview, entry.ClientAddress, entry.Outcome,
                entry.TraceId ?? traceId, previousHash, RowHash: []);
            row = row with { RowHash = AuditRowHash.Compute(row) };
            rows.Add(row);
            previousHash = row.RowHash;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var row in rows) batch.BatchCommands.Add(InsertCommand(row));
        var advance = new NpgsqlBatchCommand("UPDATE platform.audit_chain_head SET last_seq = $1, last_hash = $2");
        advance.Parameters.Add(new() { Value = rows[^1].Sequence });
        advance.Parameters.Add(new() { Value = rows[^1].RowHash });
        batch.BatchCommands.Add(advance);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return rows;
    }

    private static void Validate(AuditEntry entry)
    {
        if (string.IsNullOrWhiteSpace(entry.Actor.Id)) throw new ArgumentException("An audit entry needs the actor's id.", nameof(entry));
        if (string.IsNullOrWhiteSpace(entry.Purpose)) throw new ArgumentException("An audit entry needs the purpose of the access.", nameof(entry));
        if (entry.BreakGlassReason is { } reason && string.IsNullOrWhiteSpace(reason))
            throw new ArgumentException("Break-glass access needs a stated reason.", nameof(entry));
    }

    private static async Task<(long Sequence, byte[] Hash)> LockChainHeadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT last_seq, last_hash FROM platform.audit_chain_head FOR UPDATE", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            throw new InvalidOperationException("The audit chain head is missing: platform.audit_chain_head must hold one row.");
        return (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1));
    }

    private static NpgsqlBatchCommand InsertCommand(AuditLogRow row)
    {
        var command = new NpgsqlBatchCommand($"""
            INSERT INTO platform.audit_log ({AuditLogTable.Columns})
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
            """);
        foreach (var value in new object?[]
        {
            row.Sequence, row.OccurredAt, row.Actor.Id, AuditNames.Of(row.Actor.Kind), row.Actor.Role, row.Actor.Territory,
            AuditNames.Of(row.Action), row.SubjectIin, row.Sections.ToArray(), row.Purpose, row.BreakGlass, row.BreakGlassReason,
            row.FlaggedForReview, row.ClientAddress, AuditNames.Of(row.Outcome), row.TraceId, row.PreviousHash, row.RowHash,
        })
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }
}
