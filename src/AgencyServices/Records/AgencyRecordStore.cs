using System.Security.Cryptography;
using Npgsql;
using NpgsqlTypes;
using Platform.Contracts.IntegrationEvents;
using Platform.GrpcApi.Access;
using Platform.Audit;
using Platform.GrpcApi;
using Platform.Outbox;

namespace Platform.AgencyServices.Records;

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
    string SourceRecordId, int Version, string Kind, string Iin, string Kato, byte[] Payload, DateTimeOffset RecordedAt,
    bool Withdrawn, string? WithdrawalReason, string? CorrectionReason);

/// <summary>The change a new event describes: the caller turns it into the integration event of its kind.</summary>
public sealed record RecordedChange(Guid EventId, DateTimeOffset RecordedAt, string? TraceParent);

/// <summary>The request contradicts what is stored (a stale or conflicting version, a correction of nothing).</summary>
public sealed class RecordConflictException(string message) : ConflictException(message);

public sealed class RecordNotFoundException(string sourceRecordId) : NotFoundException($"No record '{sourceRecordId}' is stored.");

/// <summary>
/// Keeps an agency's records — every version — and writes the integration event of each accepted change into
/// the outbox in the same transaction. Concurrent submits of one record are serialised by a row lock. One submit
/// and a bulk chunk of hundreds take the same few round trips: reserve the ids, lock and read their current
/// versions, decide in memory (<see cref="RecordVersionRules"/>), copy the new versions in, update the records.
/// Every write is audited (who, which child, which kind of record) in the same transaction.
/// </summary>
public sealed class AgencyRecordStore(NpgsqlDataSource dataSource, AuditTrail audit, TimeProvider time)
{
    public async Task<SubmitResult> SubmitAsync(
        RecordSubmission submission, Func<RecordedChange, AgencyRecordEvent> toEvent, AgencyAccess access, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (answers, events) = await ApplyAsync(connection, transaction, [(submission, toEvent)], cancellationToken);
        var (result, conflict) = answers[0];
        if (conflict is not null) throw new RecordConflictException(conflict);
        foreach (var recordEvent in events)
            await OutboxWriter.AddAsync(connection, transaction, recordEvent.EventId, recordEvent.Iin, recordEvent, cancellationToken);
        await audit.AppendAsync(connection, transaction, [access.Audit(AuditAction.Write, submission.Iin, submission.Kind)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result!;
    }

    /// <summary>
    /// Stores many records in one transaction. A record that conflicts is answered with its reason and skipped;
    /// the others are kept. Their events go to the outbox as batches.
    /// </summary>
    public async Task<IReadOnlyList<(SubmitResult? Result, string? Error)>> SubmitManyAsync(
        IReadOnlyList<(RecordSubmission Submission, Func<RecordedChange, AgencyRecordEvent> ToEvent)> items,
        string sourceAgency, int eventsPerMessage, AgencyAccess access, CancellationToken cancellationToken)
    {
        if (items.Count == 0) return [];
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (answers, events) = await ApplyAsync(connection, transaction, items, cancellationToken);
        foreach (var chunk in events.Chunk(eventsPerMessage))
        {
            var batch = new AgencyRecordEventBatch(sourceAgency, chunk);
            await OutboxWriter.AddAsync(connection, transaction, Guid.CreateVersion7(), $"bulk:{sourceAgency}", batch, cancellationToken);
        }
        var written = items.Zip(answers).Where(pair => pair.Second.Result is not null).Select(pair => pair.First.Submission);
        await audit.AppendAsync(connection, transaction, written.Select(s => access.Audit(AuditAction.Write, s.Iin, s.Kind)).ToList(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return answers;
    }

    /// <summary>Decides every item in order (a later item sees an earlier one of the same record) and writes the accepted ones.</summary>
    private async Task<(List<(SubmitResult? Result, string? Error)> Answers, List<AgencyRecordEvent> Events)> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<(RecordSubmission Submission, Func<RecordedChange, AgencyRecordEvent> ToEvent)> items, CancellationToken cancellationToken)
    {
        var current = await LockCurrentAsync(connection, transaction, items.Select(i => i.Submission).ToList(), cancellationToken);
        var answers = new List<(SubmitResult?, string?)>(items.Count);
        var events = new List<AgencyRecordEvent>();
        var versions = new List<(RecordSubmission Submission, byte[] Hash, RecordedChange Change)>();
        var recordedAt = time.GetUtcNow();
        foreach (var (submission, toEvent) in items)
        {
            var hash = SHA256.HashData(submission.Payload);
            switch (RecordVersionRules.Decide(current[submission.SourceRecordId], submission, hash))
            {
                case RecordVersionRules.Unchanged { Stored: var stored }:
                    answers.Add((new SubmitResult(submission.SourceRecordId, SubmitOutcome.Unchanged, stored.Version, stored.RecordedAt, null), null));
                    break;
                case RecordVersionRules.Conflict { Reason: var reason }:
                    answers.Add((null, reason));
                    break;
                case RecordVersionRules.Accepted { Outcome: var outcome }:
                    var change = new RecordedChange(Guid.CreateVersion7(), recordedAt, System.Diagnostics.Activity.Current?.Id);
                    current[submission.SourceRecordId] = new StoredVersion(submission.Kind, submission.Version, hash, recordedAt, Withdrawn: false);
                    versions.Add((submission, hash, change));
                    events.Add(toEvent(change));
                    answers.Add((new SubmitResult(submission.SourceRecordId, outcome, submission.Version, recordedAt, change.EventId), null));
                    break;
            }
        }
        if (versions.Count > 0)
        {
            await CopyVersionsAsync(connection, versions, cancellationToken);
            await PointRecordsAtAsync(connection, transaction, versions.Select(v => v.Submission), cancellationToken);
        }
        return (answers, events);
    }

    /// <summary>
    /// The stored current version of each record, row-locked until the transaction ends; null for a new record
    /// (then reserved). Ids are reserved and locked in one order, so two bulk loads that share records cannot deadlock.
    /// </summary>
    private static async Task<Dictionary<string, StoredVersion?>> LockCurrentAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<RecordSubmission> submissions, CancellationToken cancellationToken)
    {
        var firstOfEach = submissions.DistinctBy(s => s.SourceRecordId).OrderBy(s => s.SourceRecordId, StringComparer.Ordinal).ToList();
        var ids = firstOfEach.Select(s => s.SourceRecordId).ToArray();
        await using (var reserve = new NpgsqlCommand("""
            INSERT INTO platform.records (source_record_id, kind, iin, current_version)
            SELECT id, kind, iin, 0 FROM unnest($1::text[], $2::text[], $3::text[]) AS reserved (id, kind, iin)
            ON CONFLICT (source_record_id) DO NOTHING
            """, connection, transaction))
        {
            reserve.Parameters.Add(new() { Value = ids });
            reserve.Parameters.Add(new() { Value = firstOfEach.Select(s => s.Kind).ToArray() });
            reserve.Parameters.Add(new() { Value = firstOfEach.Select(s => s.Iin).ToArray() });
            await reserve.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var select = new NpgsqlCommand("""
            SELECT r.source_record_id, r.kind, r.current_version, v.payload_sha256, v.recorded_at, r.withdrawn_at IS NOT NULL
            FROM platform.records r
            LEFT JOIN platform.record_versions v ON v.source_record_id = r.source_record_id AND v.version = r.current_version
            WHERE r.source_record_id = ANY($1)
            ORDER BY r.source_record_id
            FOR UPDATE OF r
            """, connection, transaction);
        select.Parameters.Add(new() { Value = ids });
        var current = new Dictionary<string, StoredVersion?>(ids.Length, StringComparer.Ordinal);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            current[reader.GetString(0)] = reader.GetInt32(2) == 0
                ? null
                : new StoredVersion(reader.GetString(1), reader.GetInt32(2), reader.GetFieldValue<byte[]>(3),
                    reader.GetFieldValue<DateTimeOffset>(4), reader.GetBoolean(5));
        }
        return current;
    }

    private static async Task CopyVersionsAsync(
        NpgsqlConnection connection, List<(RecordSubmission Submission, byte[] Hash, RecordedChange Change)> versions, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync("""
            COPY platform.record_versions (source_record_id, version, kind, iin, kato, organization_id, occurred_at,
                recorded_at, payload, payload_sha256, change, correction_reason, event_id) FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var (submission, hash, change) in versions)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(submission.SourceRecordId, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(submission.Version, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(submission.Kind, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(submission.Iin, NpgsqlDbType.Char, cancellationToken);
            await copy.WriteAsync(submission.Kato, NpgsqlDbType.Char, cancellationToken);
            await copy.WriteAsync(submission.OrganizationId, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(submission.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(change.RecordedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(submission.Payload, NpgsqlDbType.Bytea, cancellationToken);
            await copy.WriteAsync(hash, NpgsqlDbType.Bytea, cancellationToken);
            await copy.WriteAsync(submission.IsCorrection ? "corrected" : "submitted", NpgsqlDbType.Text, cancellationToken);
            if (submission.CorrectionReason is null) await copy.WriteNullAsync(cancellationToken);
            else await copy.WriteAsync(submission.CorrectionReason, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(change.EventId, NpgsqlDbType.Uuid, cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>Each changed record points at its newest accepted version; a new version ends a withdrawal.</summary>
    private static async Task PointRecordsAtAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<RecordSubmission> accepted, CancellationToken cancellationToken)
    {
        var newest = accepted.GroupBy(s => s.SourceRecordId).Select(g => g.MaxBy(s => s.Version)!).ToList();
        await using var update = new NpgsqlCommand("""
            UPDATE platform.records r SET current_version = u.version, kind = u.kind, iin = u.iin, withdrawn_at = NULL, withdrawal_reason = NULL
            FROM unnest($1::text[], $2::int[], $3::text[], $4::text[]) AS u (id, version, kind, iin)
            WHERE r.source_record_id = u.id
            """, connection, transaction);
        update.Parameters.Add(new() { Value = newest.Select(s => s.SourceRecordId).ToArray() });
        update.Parameters.Add(new() { Value = newest.Select(s => s.Version).ToArray() });
        update.Parameters.Add(new() { Value = newest.Select(s => s.Kind).ToArray() });
        update.Parameters.Add(new() { Value = newest.Select(s => s.Iin).ToArray() });
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<WithdrawResult> WithdrawAsync(
        string sourceRecordId, string reason, Func<StoredRecordHeader, RecordedChange, RecordWithdrawn> toEvent, AgencyAccess access,
        CancellationToken cancellationToken)
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
            header = new StoredRecordHeader(sourceRecordId, reader.GetString(0), reader.GetInt32(1), reader.GetString(2),
                reader.GetString(3).Trim(), reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5));
        }
        access.DemandTerritory(header.Kato, $"record '{sourceRecordId}'");

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
        await audit.AppendAsync(connection, transaction, [access.Audit(AuditAction.Write, header.Iin, header.Kind)], cancellationToken);
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
            SELECT r.source_record_id, r.current_version, r.kind, v.iin, v.kato, v.payload, v.recorded_at, r.withdrawn_at IS NOT NULL,
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
            records.Add(new StoredRecord(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4).Trim(), reader.GetFieldValue<byte[]>(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetBoolean(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9)));
        }
        return records;
    }
}

/// <summary>What a withdrawal event needs to know about the record it withdraws.</summary>
public sealed record StoredRecordHeader(
    string SourceRecordId, string Kind, int Version, string Iin, string Kato, string OrganizationId, DateTimeOffset OccurredAt);
