using System.Security.Cryptography;
using Npgsql;
using Platform.Contracts.IntegrationEvents;
using Platform.ServiceDefaults.Outbox;

namespace Platform.ServiceDefaults.Records;

/// <summary>A record as an agency system submitted or corrected it, already validated.</summary>
public sealed record RecordSubmission(
    string SourceRecordId, int Version, string Kind, string Iin, string Kato, string OrganizationId,
    DateTimeOffset OccurredAt, byte[] Payload, string? CorrectionReason = null)
{
    public bool IsCorrection => CorrectionReason is not null;
}

public enum SubmitOutcome { Created, Replaced, Unchanged }

public sealed record SubmitResult(string SourceRecordId, SubmitOutcome Outcome, int Version, DateTimeOffset RecordedAt, Guid? EventId);

public sealed record WithdrawResult(string SourceRecordId, int Version, DateTimeOffset WithdrawnAt, Guid EventId);

public sealed record StoredRecord(
    string SourceRecordId, int Version, string Kind, byte[] Payload, DateTimeOffset RecordedAt,
    bool Withdrawn, string? WithdrawalReason, string? CorrectionReason);

/// <summary>The change a new event describes: the caller turns it into the integration event of its kind.</summary>
public sealed record RecordedChange(Guid EventId, DateTimeOffset RecordedAt, string? TraceParent);

/// <summary>The request contradicts what is stored (a stale or conflicting version, a correction of nothing).</summary>
public sealed class RecordConflictException(string message) : Exception(message);

public sealed class RecordNotFoundException(string sourceRecordId) : Exception($"No record '{sourceRecordId}' is stored.");

/// <summary>
/// Keeps an agency's records — every version — and writes the integration event of each accepted change into
/// the outbox in the same transaction. Concurrent submits of one record are serialised by a row lock.
/// </summary>
public sealed class AgencyRecordStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    public async Task<SubmitResult> SubmitAsync(
        RecordSubmission submission, Func<RecordedChange, AgencyRecordEvent> toEvent, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (result, recordEvent) = await ApplyAsync(connection, transaction, submission, toEvent, cancellationToken);
        if (recordEvent is not null)
            await OutboxWriter.AddAsync(connection, transaction, recordEvent.EventId, recordEvent.Iin, recordEvent, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Stores many records in one transaction. A record that conflicts is answered with its reason and skipped;
    /// the others are kept. Their events go to the outbox as batches.
    /// </summary>
    public async Task<IReadOnlyList<(SubmitResult? Result, string? Error)>> SubmitManyAsync(
        IReadOnlyList<(RecordSubmission Submission, Func<RecordedChange, AgencyRecordEvent> ToEvent)> items,
        string sourceAgency, int eventsPerMessage, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var answers = new List<(SubmitResult?, string?)>(items.Count);
        var events = new List<AgencyRecordEvent>();
        foreach (var (submission, toEvent) in items)
        {
            await transaction.SaveAsync("item", cancellationToken);
            try
            {
                var (result, recordEvent) = await ApplyAsync(connection, transaction, submission, toEvent, cancellationToken);
                if (recordEvent is not null) events.Add(recordEvent);
                answers.Add((result, null));
            }
            catch (RecordConflictException conflict)
            {
                await transaction.RollbackAsync("item", cancellationToken);
                answers.Add((null, conflict.Message));
            }
        }
        foreach (var chunk in events.Chunk(eventsPerMessage))
        {
            var batch = new AgencyRecordEventBatch(sourceAgency, chunk);
            await OutboxWriter.AddAsync(connection, transaction, Guid.CreateVersion7(), $"bulk:{sourceAgency}", batch, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return answers;
    }

    private async Task<(SubmitResult Result, AgencyRecordEvent? Event)> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, RecordSubmission submission,
        Func<RecordedChange, AgencyRecordEvent> toEvent, CancellationToken cancellationToken)
    {
        var hash = SHA256.HashData(submission.Payload);
        var current = await LockCurrentAsync(connection, transaction, submission, cancellationToken);
        if (current is null && submission.IsCorrection)
            throw new RecordConflictException($"Record '{submission.SourceRecordId}' does not exist: submit it before correcting it.");
        if (current is { } stored)
        {
            if (stored.Kind != submission.Kind)
                throw new RecordConflictException(
                    $"Record '{submission.SourceRecordId}' is a {stored.Kind} record; it cannot become a {submission.Kind} record.");
            if (submission.IsCorrection && stored.Withdrawn)
                throw new RecordConflictException($"Record '{submission.SourceRecordId}' was withdrawn; submit a new version instead of correcting it.");
            if (submission.Version == stored.Version && hash.AsSpan().SequenceEqual(stored.Hash))
                return (new SubmitResult(submission.SourceRecordId, SubmitOutcome.Unchanged, stored.Version, stored.RecordedAt, null), null);
            if (submission.Version <= stored.Version)
                throw new RecordConflictException(submission.Version == stored.Version
                    ? $"Version {submission.Version} of record '{submission.SourceRecordId}' is already stored with other content; send version {stored.Version + 1} or higher."
                    : $"Version {submission.Version} of record '{submission.SourceRecordId}' is older than the stored version {stored.Version}.");
        }

        var change = new RecordedChange(Guid.CreateVersion7(), time.GetUtcNow(), System.Diagnostics.Activity.Current?.Id);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO platform.record_versions (source_record_id, version, kind, iin, kato, organization_id, occurred_at,
                recorded_at, payload, payload_sha256, change, correction_reason, event_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            """, connection, transaction))
        {
            foreach (var value in new object?[]
            {
                submission.SourceRecordId, submission.Version, submission.Kind, submission.Iin, submission.Kato, submission.OrganizationId,
                submission.OccurredAt, change.RecordedAt, submission.Payload, hash, submission.IsCorrection ? "corrected" : "submitted",
                submission.CorrectionReason, change.EventId,
            })
                insert.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var update = new NpgsqlCommand("""
            UPDATE platform.records SET current_version = $2, iin = $3, withdrawn_at = NULL, withdrawal_reason = NULL
            WHERE source_record_id = $1
            """, connection, transaction))
        {
            update.Parameters.Add(new() { Value = submission.SourceRecordId });
            update.Parameters.Add(new() { Value = submission.Version });
            update.Parameters.Add(new() { Value = submission.Iin });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        var outcome = current is null ? SubmitOutcome.Created : SubmitOutcome.Replaced;
        return (new SubmitResult(submission.SourceRecordId, outcome, submission.Version, change.RecordedAt, change.EventId), toEvent(change));
    }

    private sealed record CurrentVersion(string Kind, int Version, byte[] Hash, DateTimeOffset RecordedAt, bool Withdrawn);

    /// <summary>The stored current version, row-locked until the transaction ends; null for a new record (then reserved).</summary>
    private static async Task<CurrentVersion?> LockCurrentAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, RecordSubmission submission, CancellationToken cancellationToken)
    {
        // Reserve the id first so that two concurrent creates of one record serialise on the same row.
        await using (var reserve = new NpgsqlCommand("""
            INSERT INTO platform.records (source_record_id, kind, iin, current_version) VALUES ($1, $2, $3, 0)
            ON CONFLICT (source_record_id) DO NOTHING
            """, connection, transaction))
        {
            reserve.Parameters.Add(new() { Value = submission.SourceRecordId });
            reserve.Parameters.Add(new() { Value = submission.Kind });
            reserve.Parameters.Add(new() { Value = submission.Iin });
            await reserve.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var select = new NpgsqlCommand("""
            SELECT r.kind, r.current_version, v.payload_sha256, v.recorded_at, r.withdrawn_at IS NOT NULL
            FROM platform.records r
            LEFT JOIN platform.record_versions v ON v.source_record_id = r.source_record_id AND v.version = r.current_version
            WHERE r.source_record_id = $1
            FOR UPDATE OF r
            """, connection, transaction);
        select.Parameters.Add(new() { Value = submission.SourceRecordId });
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetInt32(1) == 0
            ? null
            : new CurrentVersion(reader.GetString(0), reader.GetInt32(1), reader.GetFieldValue<byte[]>(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetBoolean(4));
    }

    public async Task<WithdrawResult> WithdrawAsync(
        string sourceRecordId, string reason, Func<StoredRecordHeader, RecordedChange, RecordWithdrawn> toEvent, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        StoredRecordHeader header;
        await using (var select = new NpgsqlCommand("""
            SELECT r.kind, r.current_version, v.iin, v.kato, v.organization_id, v.occurred_at, r.withdrawn_at IS NOT NULL
            FROM platform.records r
            JOIN platform.record_versions v ON v.source_record_id = r.source_record_id AND v.version = r.current_version
            WHERE r.source_record_id = $1
            FOR UPDATE OF r
            """, connection, transaction))
        {
            select.Parameters.Add(new() { Value = sourceRecordId });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) throw new RecordNotFoundException(sourceRecordId);
            if (reader.GetBoolean(6)) throw new RecordConflictException($"Record '{sourceRecordId}' is already withdrawn.");
            header = new StoredRecordHeader(sourceRecordId, reader.GetString(0), reader.GetInt32(1), reader.GetString(2).Trim(),
                reader.GetString(3).Trim(), reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5));
        }

        var change = new RecordedChange(Guid.CreateVersion7(), time.GetUtcNow(), System.Diagnostics.Activity.Current?.Id);
        await using (var update = new NpgsqlCommand(
            "UPDATE platform.records SET withdrawn_at = $2, withdrawal_reason = $3 WHERE source_record_id = $1", connection, transaction))
        {
            update.Parameters.Add(new() { Value = sourceRecordId });
            update.Parameters.Add(new() { Value = change.RecordedAt });
            update.Parameters.Add(new() { Value = reason });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        var withdrawn = toEvent(header, change);
        await OutboxWriter.AddAsync(connection, transaction, withdrawn.EventId, withdrawn.Iin, withdrawn, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new WithdrawResult(sourceRecordId, header.Version, change.RecordedAt, change.EventId);
    }

    public async Task<StoredRecord?> GetAsync(string sourceRecordId, CancellationToken cancellationToken) =>
        (await QueryAsync("r.source_record_id = $1", sourceRecordId, includeWithdrawn: true, cancellationToken)).FirstOrDefault();

    public Task<IReadOnlyList<StoredRecord>> ListByIinAsync(string iin, bool includeWithdrawn, CancellationToken cancellationToken) =>
        QueryAsync("r.iin = $1", iin, includeWithdrawn, cancellationToken);

    private async Task<IReadOnlyList<StoredRecord>> QueryAsync(string condition, string value, bool includeWithdrawn, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT r.source_record_id, r.current_version, r.kind, v.payload, v.recorded_at, r.withdrawn_at IS NOT NULL,
                   r.withdrawal_reason, v.correction_reason
            FROM platform.records r
            JOIN platform.record_versions v ON v.source_record_id = r.source_record_id AND v.version = r.current_version
            WHERE {condition} {(includeWithdrawn ? "" : "AND r.withdrawn_at IS NULL")}
            ORDER BY v.occurred_at, r.source_record_id
            """);
        command.Parameters.Add(new() { Value = value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<StoredRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new StoredRecord(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetFieldValue<byte[]>(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetBoolean(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }
        return records;
    }
}

/// <summary>What a withdrawal event needs to know about the record it withdraws.</summary>
public sealed record StoredRecordHeader(
    string SourceRecordId, string Kind, int Version, string Iin, string Kato, string OrganizationId, DateTimeOffset OccurredAt);
