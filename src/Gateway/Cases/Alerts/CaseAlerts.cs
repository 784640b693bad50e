using Npgsql;
using Platform.Audit;
using Platform.Contracts.IntegrationEvents;
using Platform.Gateway.Profiles;

namespace Platform.Gateway.Cases.Alerts;

/// <summary>One alert on a case: what happened, by which agency, on which evidence, how urgent; seen or not yet.</summary>
public sealed record CaseAlert(
    long Id, string What, string? SourceAgency, string? RecordKind, string? SignalCode, IReadOnlyList<string> Evidence, int Risk,
    DateTimeOffset OccurredAt, DateTimeOffset CreatedAt, DateTimeOffset? SeenAt, string? SeenBy);

/// <summary>
/// The alerts of the cases (<c>gateway.case_alerts</c>). The profile's projection adds them in its own transaction
/// (<see cref="AddForRecords"/>, <see cref="AddForSignal"/>): one statement per batch, which finds nothing for the many
/// children without an open case. Only marking an alert seen clears it; saving the case does not.
/// </summary>
public sealed class CaseAlerts(NpgsqlDataSource dataSource, AuditTrail audit, TimeProvider time)
{
    /// <summary>
    /// Adds to <paramref name="batch"/>, after the events' own writes, an alert and its timeline line on every open case
    /// of each event's child — for the events that became the record's current state: a late older version, which
    /// only joins the history, alerts no one.
    /// </summary>
    public static void AddForRecords(NpgsqlBatch batch, IReadOnlyList<AgencyRecordEvent> events, DateTimeOffset now)
    {
        var columns = new object[]
        {
            events.Select(e => e.Iin).ToArray(), events.Select(AlertRisk.WhatOf).ToArray(), events.Select(e => e.SourceAgency).ToArray(),
            events.Select(e => e is RecordWithdrawn withdrawn ? withdrawn.RecordKind : ProfileProjection.KindOf(e)).ToArray(),
            events.Select(e => e.RecordId).ToArray(), events.Select(e => e.Version).ToArray(), events.Select(AlertRisk.Of).ToArray(),
            events.Select(e => e.OccurredAt.ToUniversalTime()).ToArray(),
        };
        batch.BatchCommands.Add(Sql.Command("""
            WITH alerted AS (
                INSERT INTO gateway.case_alerts (case_id, what, source_agency, record_kind, evidence, risk, occurred_at, created_at)
                SELECT c.case_id, e.what, e.agency, e.kind, ARRAY[e.agency || '/' || e.record_id], e.risk, e.occurred_at, $9
                FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::timestamptz[])
                     AS e (iin, what, agency, kind, record_id, version, risk, occurred_at)
                JOIN gateway.child_records r ON r.source_agency = e.agency AND r.record_id = e.record_id AND r.version = e.version
                                            AND r.withdrawn = (e.what = 'withdrawal')
                JOIN gateway.cases c ON c.iin = e.iin AND c.status <> 'closed'
                RETURNING case_id, what, source_agency, record_kind, evidence, risk)
            INSERT INTO gateway.case_timeline (case_id, at, actor, kind, details)
            SELECT case_id, $9, source_agency, 'alert',
                   jsonb_build_object('what', what, 'agency', source_agency, 'kind', record_kind, 'evidence', evidence[1], 'risk', risk::text)
            FROM alerted
            """, [.. columns, now]));
    }

    /// <summary>Adds to <paramref name="batch"/> an alert of a newly raised signal on every open case of the child.</summary>
    public static void AddForSignal(NpgsqlBatch batch, string iin, string code, string[] evidence, DateTimeOffset now) =>
        batch.BatchCommands.Add(Sql.Command("""
            WITH alerted AS (
                INSERT INTO gateway.case_alerts (case_id, what, signal_code, evidence, risk, occurred_at, created_at)
                SELECT case_id, 'signal', $2, $3, $4, $5, $5 FROM gateway.cases WHERE iin = $1 AND status <> 'closed'
                RETURNING case_id)
            INSERT INTO gateway.case_timeline (case_id, at, actor, kind, details)
            SELECT case_id, $5, 'platform', 'alert', jsonb_build_object('what', 'signal', 'signal', $2::text, 'risk', $4::text) FROM alerted
            """, iin, code, evidence, AlertRisk.OfSignal(code), now));

    /// <summary>The case's alerts: unseen first, the most urgent first, then the newest.</summary>
    public async Task<IReadOnlyList<CaseAlert>> OfCaseAsync(Guid caseId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {AlertColumns} FROM gateway.case_alerts WHERE case_id = $1
            ORDER BY seen_at IS NOT NULL, risk, created_at DESC
            LIMIT 500
            """);
        command.Parameters.Add(new() { Value = caseId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var alerts = new List<CaseAlert>();
        while (await reader.ReadAsync(cancellationToken)) alerts.Add(AlertOf(reader));
        return alerts;
    }

    /// <summary>The columns <see cref="AlertOf"/> reads, first in a row; qualify them with <c>a.</c> when joining.</summary>
    internal const string AlertColumns = "alert_id, what, source_agency, record_kind, signal_code, evidence, risk, occurred_at, created_at, seen_at, seen_by";

    internal static CaseAlert AlertOf(NpgsqlDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), Text(reader, 2), Text(reader, 3), Text(reader, 4),
            reader.GetFieldValue<string[]>(5), reader.GetInt32(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetFieldValue<DateTimeOffset>(8),
            reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9), Text(reader, 10));

    /// <summary>Marks the alert seen by the actor, audited; an alert already seen stays as first seen.</summary>
    public async Task MarkSeenAsync(Guid caseId, long alertId, CaseActor actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var held = await CaseStore.LockAsync(connection, transaction, caseId, actor, cancellationToken);
        await using var update = new NpgsqlCommand(
            "UPDATE gateway.case_alerts SET seen_at = $3, seen_by = $4 WHERE alert_id = $1 AND case_id = $2 AND seen_at IS NULL", connection, transaction);
        update.Parameters.Add(new() { Value = alertId });
        update.Parameters.Add(new() { Value = caseId });
        update.Parameters.Add(new() { Value = time.GetUtcNow() });
        update.Parameters.Add(new() { Value = actor.Name });
        if (await update.ExecuteNonQueryAsync(cancellationToken) == 0) return;
        await CaseStore.AuditWriteAsync(audit, connection, transaction, actor, held.Iin, "case.alerts", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
