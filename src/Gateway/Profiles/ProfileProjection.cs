using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Contracts.Identity;
using Platform.Contracts.IntegrationEvents;
using Platform.Gateway.Cases.Alerts;
using Platform.Gateway.Profiles.Signals;

namespace Platform.Gateway.Profiles;

/// <summary>
/// Where the integrated profile is built. Each event is applied once (its id goes into the inbox in the same
/// transaction), an older version never overwrites a newer one, a withdrawal leaves a tombstone, and the signals of
/// every child the events touched are recomputed from the resulting records; a child under an open case gets an alert
/// on the case for each event and new signal (<see cref="CaseAlerts"/>). Changes of one child are serialised by
/// a row lock. A batch costs the same few round trips whatever its size: the inbox, the children, one batch of
/// writes per event, then one read and one batch of writes for the signals.
/// </summary>
public sealed class ProfileProjection(NpgsqlDataSource dataSource, TimeProvider time)
{
    public const string InboxConsumer = "gateway-profile";

    public static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web) { AllowOutOfOrderMetadataProperties = true };

    /// <summary>Applies the events in one transaction; returns how many were new (not seen before).</summary>
    public async Task<int> ApplyAsync(IReadOnlyList<AgencyRecordEvent> events, CancellationToken cancellationToken)
    {
        // A malformed IIN fails the whole message before anything is written (it then goes to the error queue).
        var parsed = events.DistinctBy(e => e.EventId).Select(e => (Event: e, Iin: Iin.Parse(e.Iin))).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var firstSeen = await RecordInInboxAsync(connection, parsed.Select(p => p.Event.EventId).ToArray(), cancellationToken);
        var fresh = parsed.Where(p => firstSeen.Contains(p.Event.EventId)).ToList();
        if (fresh.Count > 0)
        {
            var now = time.GetUtcNow();
            // Children in a fixed order, so two batches touching the same children cannot deadlock.
            var children = fresh.Select(p => p.Iin).DistinctBy(i => i.Value).OrderBy(i => i.Value, StringComparer.Ordinal).ToList();
            await LockChildrenAsync(connection, children, now, cancellationToken);
            await WriteEventsAsync(connection, fresh.Select(p => p.Event).ToList(), now, cancellationToken);
            await RecomputeSignalsAsync(connection, children, now, recordsChanged: true, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return fresh.Count;
    }

    public const int ReevaluationBatchSize = 500;

    /// <summary>
    /// Evaluates again the signals of the children whose next check has come, in batches, each child locked for its
    /// transaction and skipped by another Gateway doing the same (<c>SKIP LOCKED</c>); only the children whose moment
    /// has come are read. Returns how many children were evaluated.
    /// </summary>
    public async Task<int> ReevaluateDueAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var now = time.GetUtcNow();
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var due = new List<Iin>();
            await using (var select = new NpgsqlCommand(
                "SELECT iin FROM gateway.children WHERE signals_next_check <= $1 ORDER BY iin LIMIT $2 FOR UPDATE SKIP LOCKED", connection, transaction))
            {
                select.Parameters.Add(new() { Value = DateOnly.FromDateTime(now.UtcDateTime) });
                select.Parameters.Add(new() { Value = ReevaluationBatchSize });
                await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) due.Add(Iin.Parse(reader.GetString(0).Trim()));
            }
            if (due.Count > 0) await RecomputeSignalsAsync(connection, due, now, recordsChanged: false, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            total += due.Count;
            if (due.Count < ReevaluationBatchSize) return total;
        }
    }

    private static async Task<HashSet<Guid>> RecordInInboxAsync(NpgsqlConnection connection, Guid[] eventIds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO platform.inbox_messages (message_id, consumer) SELECT id, $2 FROM unnest($1::uuid[]) AS id
            ON CONFLICT DO NOTHING RETURNING message_id
            """, connection);
        command.Parameters.Add(new() { Value = eventIds });
        command.Parameters.Add(new() { Value = InboxConsumer });
        var firstSeen = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) firstSeen.Add(reader.GetGuid(0));
        return firstSeen;
    }

    /// <summary>Creates the children not seen before and locks every one of them (an upsert locks its row), in IIN order.</summary>
    private static async Task LockChildrenAsync(NpgsqlConnection connection, IReadOnlyList<Iin> children, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO gateway.children (iin, birth_date, sex, updated_at)
            SELECT iin, birth_date, sex, $4 FROM unnest($1::text[], $2::date[], $3::text[]) AS c (iin, birth_date, sex) ORDER BY iin
            ON CONFLICT (iin) DO UPDATE SET updated_at = EXCLUDED.updated_at
            """, connection);
        command.Parameters.Add(new() { Value = children.Select(c => c.Value).ToArray() });
        command.Parameters.Add(new() { Value = children.Select(c => c.BirthDate).ToArray() });
        command.Parameters.Add(new() { Value = children.Select(c => c.Sex.ToString()).ToArray() });
        command.Parameters.Add(new() { Value = now });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Per event: the timeline entry, the record (a newer version replaces; a withdrawal also wins over the same
    /// version; anything older is history only) and the identity as its agency reported it. One statement per event,
    /// all in one round trip, in delivery order: two versions of one record in a batch must meet the same row in turn.
    /// </summary>
    private static async Task WriteEventsAsync(NpgsqlConnection connection, IReadOnlyList<AgencyRecordEvent> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var recordEvent in events)
        {
            var withdrawn = recordEvent is RecordWithdrawn;
            var kind = recordEvent is RecordWithdrawn withdrawal ? withdrawal.RecordKind : KindOf(recordEvent);
            batch.BatchCommands.Add(Sql.Command("""
                INSERT INTO gateway.timeline (iin, event_id, source_agency, record_id, kind, version, occurred_at, received_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                """, recordEvent.Iin, recordEvent.EventId, recordEvent.SourceAgency, recordEvent.RecordId,
                withdrawn ? "withdrawn" : kind, recordEvent.Version, recordEvent.OccurredAt, now));
            batch.BatchCommands.Add(Sql.Command("""
                INSERT INTO gateway.child_records (source_agency, record_id, iin, kind, version, region, occurred_at, recorded_at, withdrawn, event)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                ON CONFLICT (source_agency, record_id) DO UPDATE SET
                    iin = EXCLUDED.iin, version = EXCLUDED.version, region = EXCLUDED.region,
                    kind = CASE WHEN EXCLUDED.withdrawn THEN gateway.child_records.kind ELSE EXCLUDED.kind END,
                    occurred_at = EXCLUDED.occurred_at, recorded_at = EXCLUDED.recorded_at, withdrawn = EXCLUDED.withdrawn,
                    event = EXCLUDED.event
                WHERE gateway.child_records.version < EXCLUDED.version
                   OR (gateway.child_records.version = EXCLUDED.version AND EXCLUDED.withdrawn AND NOT gateway.child_records.withdrawn)
                """, recordEvent.SourceAgency, recordEvent.RecordId, recordEvent.Iin, kind, recordEvent.Version,
                recordEvent.Region, recordEvent.OccurredAt, recordEvent.RecordedAt, withdrawn,
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(recordEvent, EventJson) }));
            if (!withdrawn)
                batch.BatchCommands.Add(Sql.Command("""
                    INSERT INTO gateway.reported_identity (iin, source_agency, last_name, first_name, patronymic, region, reported_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                    ON CONFLICT (iin, source_agency) DO UPDATE SET last_name = EXCLUDED.last_name, first_name = EXCLUDED.first_name,
                        patronymic = EXCLUDED.patronymic, region = EXCLUDED.region, reported_at = EXCLUDED.reported_at
                    WHERE gateway.reported_identity.reported_at <= EXCLUDED.reported_at
                    """, recordEvent.Iin, recordEvent.SourceAgency, recordEvent.LastName, recordEvent.FirstName,
                    recordEvent.Patronymic, recordEvent.Region, recordEvent.RecordedAt));
        }
        CaseAlerts.AddForRecords(batch, events, now);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Evaluates the rules on each child's current records; raises, clears or updates signals; notes when each child
    /// must be evaluated again; one change position per child whose records (or, evaluated by time, signals) changed.
    /// </summary>
    private static async Task RecomputeSignalsAsync(NpgsqlConnection connection, IReadOnlyList<Iin> children, DateTimeOffset now, bool recordsChanged,
        CancellationToken cancellationToken)
    {
        var iins = children.Select(c => c.Value).ToArray();
        var records = await ProfileReader.CurrentRecordsAsync(connection, iins, cancellationToken);
        var openByChild = new Dictionary<string, Dictionary<string, (long Id, string[] Evidence)>>();
        await using (var command = new NpgsqlCommand("SELECT id, iin, code, evidence FROM gateway.signals WHERE iin = ANY($1) AND cleared_at IS NULL", connection))
        {
            command.Parameters.Add(new() { Value = iins });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var iin = reader.GetString(1);
                if (!openByChild.TryGetValue(iin, out var ofChild)) openByChild[iin] = ofChild = [];
                ofChild[reader.GetString(2)] = (reader.GetInt64(0), reader.GetFieldValue<string[]>(3));
            }
        }

        await using var batch = new NpgsqlBatch(connection);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var nextChecks = new DateOnly?[children.Count];
        var changed = recordsChanged ? iins.ToHashSet() : new HashSet<string>();
        for (var i = 0; i < children.Count; i++)
        {
            var child = children[i];
            var facts = new ProfileFacts(child, records.TryGetValue(child.Value, out var current) ? current : [], today);
            var raised = SignalEvaluation.Evaluate(facts, SignalRules.All).ToDictionary(s => s.Code);
            nextChecks[i] = SignalEvaluation.NextChange(facts, SignalRules.All);
            var open = openByChild.GetValueOrDefault(child.Value) ?? [];
            foreach (var (_, (id, _)) in open.Where(o => !raised.ContainsKey(o.Key)))
            {
                batch.BatchCommands.Add(Sql.Command("UPDATE gateway.signals SET cleared_at = $2 WHERE id = $1", id, now));
                changed.Add(child.Value);
            }
            foreach (var signal in raised.Values)
            {
                var evidence = signal.EvidenceKeys.ToArray();
                if (!open.TryGetValue(signal.Code, out var existing))
                {
                    batch.BatchCommands.Add(Sql.Command("INSERT INTO gateway.signals (iin, code, evidence, raised_at) VALUES ($1, $2, $3, $4)",
                        child.Value, signal.Code, evidence, now));
                    CaseAlerts.AddForSignal(batch, child.Value, signal.Code, evidence, now);
                    changed.Add(child.Value);
                }
                else if (!existing.Evidence.SequenceEqual(evidence))
                {
                    batch.BatchCommands.Add(Sql.Command("UPDATE gateway.signals SET evidence = $2 WHERE id = $1", existing.Id, evidence));
                    changed.Add(child.Value);
                }
            }
        }
        batch.BatchCommands.Add(Sql.Command(
            "UPDATE gateway.children c SET signals_next_check = n.day FROM unnest($1::text[], $2::date[]) AS n (iin, day) WHERE c.iin = n.iin",
            iins, nextChecks));
        if (changed.Count > 0)
            batch.BatchCommands.Add(Sql.Command("INSERT INTO gateway.profile_changes (iin, changed_at) SELECT iin, $2 FROM unnest($1::text[]) AS iin",
                changed.Order(StringComparer.Ordinal).ToArray(), now));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public static string KindOf(AgencyRecordEvent recordEvent) => recordEvent.GetType().Name;
}
