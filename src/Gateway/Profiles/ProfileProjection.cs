using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Contracts.Identity;
using Platform.Contracts.IntegrationEvents;
using Platform.Gateway.Profiles.Signals;

namespace Platform.Gateway.Profiles;

/// <summary>
/// Where the integrated profile is built. Each event is applied once (its id goes into the inbox in the same
/// transaction), an older version never overwrites a newer one, a withdrawal leaves a tombstone, and the child's
/// signals are recomputed from the resulting records. Changes of one child are serialised by a row lock.
/// </summary>
public sealed class ProfileProjection(NpgsqlDataSource dataSource, TimeProvider time)
{
    public const string InboxConsumer = "gateway-profile";

    public static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web) { AllowOutOfOrderMetadataProperties = true };

    /// <summary>Applies the events in one transaction; returns how many were new (not seen before).</summary>
    public async Task<int> ApplyAsync(IReadOnlyList<AgencyRecordEvent> events, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var applied = 0;
        // Children in a fixed order, so two batches touching the same children cannot deadlock.
        foreach (var recordEvent in events.OrderBy(e => e.Iin, StringComparer.Ordinal))
            if (await ApplyOneAsync(connection, recordEvent, cancellationToken)) applied++;
        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    private async Task<bool> ApplyOneAsync(NpgsqlConnection connection, AgencyRecordEvent recordEvent, CancellationToken cancellationToken)
    {
        if (await ExecuteAsync(connection, "INSERT INTO platform.inbox_messages (message_id, consumer) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                cancellationToken, recordEvent.EventId, InboxConsumer) == 0)
            return false;

        var now = time.GetUtcNow();
        var iin = Iin.Parse(recordEvent.Iin);
        await ExecuteAsync(connection, """
            INSERT INTO gateway.children (iin, birth_date, sex, updated_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (iin) DO UPDATE SET updated_at = EXCLUDED.updated_at
            """, cancellationToken, iin.Value, iin.BirthDate, iin.Sex.ToString(), now);
        await ExecuteAsync(connection, "SELECT 1 FROM gateway.children WHERE iin = $1 FOR UPDATE", cancellationToken, iin.Value);

        var kind = recordEvent is RecordWithdrawn withdrawn ? withdrawn.RecordKind : KindOf(recordEvent);
        await ExecuteAsync(connection, """
            INSERT INTO gateway.timeline (iin, event_id, source_agency, record_id, kind, version, occurred_at, received_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """, cancellationToken, iin.Value, recordEvent.EventId, recordEvent.SourceAgency, recordEvent.RecordId,
            recordEvent is RecordWithdrawn ? "withdrawn" : kind, recordEvent.Version, recordEvent.OccurredAt, now);

        // A newer version replaces; a withdrawal also wins over the same version; anything older is history only.
        await ExecuteAsync(connection, """
            INSERT INTO gateway.child_records (source_agency, record_id, iin, kind, version, region, occurred_at, recorded_at, withdrawn, event)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (source_agency, record_id) DO UPDATE SET
                iin = EXCLUDED.iin, version = EXCLUDED.version, region = EXCLUDED.region,
                kind = CASE WHEN EXCLUDED.withdrawn THEN gateway.child_records.kind ELSE EXCLUDED.kind END,
                occurred_at = EXCLUDED.occurred_at, recorded_at = EXCLUDED.recorded_at, withdrawn = EXCLUDED.withdrawn,
                event = EXCLUDED.event
            WHERE gateway.child_records.version < EXCLUDED.version
               OR (gateway.child_records.version = EXCLUDED.version AND EXCLUDED.withdrawn AND NOT gateway.child_records.withdrawn)
            """, cancellationToken, recordEvent.SourceAgency, recordEvent.RecordId, iin.Value, kind, recordEvent.Version,
            recordEvent.Region, recordEvent.OccurredAt, recordEvent.RecordedAt, recordEvent is RecordWithdrawn,
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(recordEvent, EventJson) });

        if (recordEvent is not RecordWithdrawn)
            await ExecuteAsync(connection, """
                INSERT INTO gateway.reported_identity (iin, source_agency, last_name, first_name, patronymic, region, reported_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (iin, source_agency) DO UPDATE SET last_name = EXCLUDED.last_name, first_name = EXCLUDED.first_name,
                    patronymic = EXCLUDED.patronymic, region = EXCLUDED.region, reported_at = EXCLUDED.reported_at
                WHERE gateway.reported_identity.reported_at <= EXCLUDED.reported_at
                """, cancellationToken, iin.Value, recordEvent.SourceAgency, recordEvent.LastName, recordEvent.FirstName,
                recordEvent.Patronymic, recordEvent.Region, recordEvent.RecordedAt);

        await RecomputeSignalsAsync(connection, iin, now, cancellationToken);
        await ExecuteAsync(connection, "INSERT INTO gateway.profile_changes (iin, changed_at) VALUES ($1, $2)", cancellationToken, iin.Value, now);
        return true;
    }

    private static async Task RecomputeSignalsAsync(NpgsqlConnection connection, Iin iin, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var records = await ProfileReader.CurrentRecordsAsync(connection, iin.Value, cancellationToken);
        var raised = SignalEvaluation.Evaluate(new ProfileFacts(iin, records, DateOnly.FromDateTime(now.UtcDateTime)), SignalRules.All)
            .ToDictionary(s => s.Code);

        var open = new Dictionary<string, (long Id, string[] Evidence)>();
        await using (var command = new NpgsqlCommand("SELECT id, code, evidence FROM gateway.signals WHERE iin = $1 AND cleared_at IS NULL", connection))
        {
            command.Parameters.Add(new() { Value = iin.Value });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                open[reader.GetString(1)] = (reader.GetInt64(0), reader.GetFieldValue<string[]>(2));
        }

        foreach (var (code, (id, _)) in open.Where(o => !raised.ContainsKey(o.Key)))
            await ExecuteAsync(connection, "UPDATE gateway.signals SET cleared_at = $2 WHERE id = $1", cancellationToken, id, now);
        foreach (var signal in raised.Values)
        {
            var evidence = signal.EvidenceKeys.ToArray();
            if (!open.TryGetValue(signal.Code, out var existing))
                await ExecuteAsync(connection, "INSERT INTO gateway.signals (iin, code, evidence, raised_at) VALUES ($1, $2, $3, $4)",
                    cancellationToken, iin.Value, signal.Code, evidence, now);
            else if (!existing.Evidence.SequenceEqual(evidence))
                await ExecuteAsync(connection, "UPDATE gateway.signals SET evidence = $2 WHERE id = $1", cancellationToken, existing.Id, evidence);
        }
    }

    public static string KindOf(AgencyRecordEvent recordEvent) => recordEvent.GetType().Name;

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value ?? DBNull.Value });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
