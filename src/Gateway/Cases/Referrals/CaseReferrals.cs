using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;
using Platform.Audit;
using Platform.Contracts.IntegrationEvents;
using Platform.Gateway.Cases.FollowUp;
using Platform.Outbox;

namespace Platform.Gateway.Cases.Referrals;

/// <summary>
/// The referrals of the cases (<c>gateway.case_referrals</c>). Issuing one writes the referral, the case's timeline
/// line, the audit entry and the <see cref="ReferralIssued"/> event in the outbox in one transaction; the agencies'
/// answers are taken onto the referral and the timeline once, however often they are delivered.
/// </summary>
public sealed class CaseReferrals(NpgsqlDataSource dataSource, AuditTrail audit, TimeProvider time, ILogger<CaseReferrals> logger)
{
    private const string Columns = """
        referral_id, case_id, agency, task, due_on, issued_at, issued_by, state, acknowledged_at, acknowledged_by, completed_at, outcome,
        kato, clocks
        """;

    private static readonly JsonSerializerOptions ClockJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<CaseReferral> IssueAsync(Guid caseId, NewReferral referral, CaseActor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (ReferralRules.Check(referral, WorkingCalendar.Kazakhstan.LocalDate(now)) is { } problem)
            throw new CaseRefusedException(problem, $"The referral cannot be issued: {problem}.");

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var held = await CaseStore.LockAsync(connection, transaction, caseId, actor, cancellationToken);
        if (held.Status == CaseStatus.Closed) throw new CaseRefusedException(CaseProblem.CaseClosed, $"Case {held.Number} is closed.");
        if (await ReadAsync(connection, transaction, referral.Id, cancellationToken) is { } already)
            // The same form posted again: the referral exists, and only once.
            return already.CaseId == caseId ? already : throw new CaseRefusedException(CaseProblem.StaleForm, "The form belongs to another case.");

        var issued = await IssueWithinAsync(connection, transaction, held, referral, actor, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return issued;
    }

    /// <summary>
    /// Issues a checked referral on a case the transaction holds locked, with its follow-up, timeline line, audit entry
    /// and <see cref="ReferralIssued"/> in the outbox; a commission's decision issues its agency measures this way.
    /// </summary>
    internal async Task<CaseReferral> IssueWithinAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CaseFile held,
        NewReferral referral, CaseActor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var caseId = held.Id;
        var issued = new CaseReferral(referral.Id, caseId, referral.Agency, referral.Task.Trim(), referral.DueOn, now, actor.Name, ReferralState.Issued)
        {
            Kato = await ChildPlaceAsync(connection, transaction, held, cancellationToken),
        };
        issued = issued with { Clocks = ClocksOf(issued, now) };
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO gateway.case_referrals (referral_id, case_id, agency, task, due_on, issued_at, issued_by, state, kato)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 'issued', $8)
            """, connection, transaction))
        {
            foreach (var value in new object[] { issued.Id, caseId, issued.Agency, issued.Task, issued.DueOn, now, actor.Name, issued.Kato })
                insert.Parameters.Add(new NpgsqlParameter { Value = value });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await SaveFollowUpAsync(connection, transaction, issued, cancellationToken);
        // A referral due so soon that its deadline is already near is warned at once.
        foreach (var change in FollowUpChanges.Between([], issued.Clocks, FollowUpSchedule.Default))
            await TellAsync(connection, transaction, issued, held.Iin, change, now, cancellationToken);
        await CaseStore.AppendTimelineAsync(connection, transaction, caseId, now, actor.Name, "referral",
            new Dictionary<string, string?> { ["agency"] = issued.Agency, ["task"] = issued.Task, ["due"] = issued.DueOn.ToString("yyyy-MM-dd") },
            cancellationToken);
        var message = new ReferralIssued
        {
            EventId = Guid.CreateVersion7(now), ReferralId = issued.Id, CaseId = caseId.ToString(), TargetAgency = issued.Agency, Iin = held.Iin,
            Kato = issued.Kato, Task = issued.Task,
            DueAt = ReferralRules.DueAt(issued.DueOn, WorkingCalendar.Kazakhstan), IssuedAt = now,
            IssuedBy = $"КДНЗП {held.Number.Commission.Value}, дело {held.Number}", TraceParent = Activity.Current?.Id,
        };
        await OutboxWriter.AddAsync(connection, transaction, message.EventId, held.Iin, message, cancellationToken);
        await CaseStore.AuditWriteAsync(audit, connection, transaction, actor, held.Iin, "case.referrals", cancellationToken);
        return issued;
    }

    /// <summary>
    /// Takes an agency's answer onto its referral and the case's timeline; a redelivered or superseded answer
    /// changes nothing, and an answer about a referral this Gateway never issued is logged and dropped.
    /// </summary>
    public async Task RecordAnswerAsync(ReferralAnswer answer, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await ReadAsync(connection, transaction, answer.ReferralId, cancellationToken, forUpdate: true);
        if (current is null || current.Agency != answer.Agency)
        {
            logger.LogWarning("An answer from {Agency} about referral {ReferralId}, which no case here referred to it, was dropped",
                answer.Agency, answer.ReferralId);
            return;
        }
        if (ReferralRules.Apply(current, answer) is not { } next) return;

        await using (var update = new NpgsqlCommand("""
            UPDATE gateway.case_referrals
            SET state = $2, acknowledged_at = $3, acknowledged_by = $4, completed_at = $5, outcome = $6
            WHERE referral_id = $1
            """, connection, transaction))
        {
            foreach (var value in new object?[] { next.Id, StateCode(next.State), next.AcknowledgedAt, next.AcknowledgedBy, next.CompletedAt, next.Outcome })
                update.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        // An answer stops its clock: what it met late stays in the reading, and the next look moves on.
        await SaveFollowUpAsync(connection, transaction, next with { Clocks = ClocksOf(next, time.GetUtcNow()) }, cancellationToken);
        var (kind, said) = answer switch
        {
            ReferralAcknowledged acknowledged => ("referral-acknowledged", acknowledged.AcknowledgedBy),
            ReferralCompleted completed => ("referral-completed", completed.Outcome),
            _ => throw new ArgumentOutOfRangeException(nameof(answer), answer.GetType().Name, "Not an answer the cases know."),
        };
        await CaseStore.AppendTimelineAsync(connection, transaction, current.CaseId, answer.AnsweredAt, answer.Agency, kind,
            new Dictionary<string, string?> { ["agency"] = answer.Agency, ["task"] = current.Task, ["said"] = said }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public const int FollowUpBatchSize = 200;

    /// <summary>
    /// Reads the clocks of every referral whose next change has come, and tells what changed: on the case's timeline
    /// and as events on the bus, with the new reading, in one transaction per batch. Rows are taken with
    /// <c>SKIP LOCKED</c>, so Gateways running at once share the work and never do one referral twice; after downtime
    /// the first look catches up (every level missed is told, once). Returns how many referrals were looked at.
    /// </summary>
    public async Task<int> FollowUpDueAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var now = time.GetUtcNow();
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var due = new List<(CaseReferral Referral, string Iin)>();
            await using (var select = new NpgsqlCommand($"""
                SELECT {string.Join(", ", Columns.Split(',').Select(c => "r." + c.Trim()))}, c.iin
                FROM gateway.case_referrals r JOIN gateway.cases c ON c.case_id = r.case_id
                WHERE r.next_change_at <= $1
                ORDER BY r.next_change_at LIMIT $2
                FOR UPDATE OF r SKIP LOCKED
                """, connection, transaction))
            {
                select.Parameters.Add(new() { Value = now });
                select.Parameters.Add(new() { Value = FollowUpBatchSize });
                await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) due.Add((ReferralOf(reader), reader.GetString(14)));
            }
            foreach (var (referral, iin) in due)
            {
                var read = referral with { Clocks = ClocksOf(referral, now) };
                foreach (var change in FollowUpChanges.Between(referral.Clocks, read.Clocks, FollowUpSchedule.Default))
                    await TellAsync(connection, transaction, read, iin, change, now, cancellationToken);
                await SaveFollowUpAsync(connection, transaction, read, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            total += due.Count;
            if (due.Count < FollowUpBatchSize) return total;
        }
    }

    private static async Task TellAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CaseReferral referral, string iin,
        FollowUpChange change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var clock = ClockCode(change.Clock);
        ReferralFollowUpEvent told = change.Kind switch
        {
            FollowUpChangeKind.Warned => new ReferralWarned
            {
                EventId = Guid.CreateVersion7(now), ReferralId = referral.Id, CaseId = referral.CaseId.ToString(), Agency = referral.Agency, Iin = iin,
                Kato = referral.Kato, Clock = clock, Deadline = change.Deadline, At = now,
            },
            FollowUpChangeKind.Overdue => new ReferralOverdue
            {
                EventId = Guid.CreateVersion7(now), ReferralId = referral.Id, CaseId = referral.CaseId.ToString(), Agency = referral.Agency, Iin = iin,
                Kato = referral.Kato, Clock = clock, Deadline = change.Deadline, At = now,
            },
            _ => new ReferralEscalated
            {
                EventId = Guid.CreateVersion7(now), ReferralId = referral.Id, CaseId = referral.CaseId.ToString(), Agency = referral.Agency, Iin = iin,
                Kato = referral.Kato, Clock = clock, Deadline = change.Deadline, At = now, Level = change.Level, EscalatedTo = change.To!.Value.ToString(),
            },
        };
        await OutboxWriter.AddAsync(connection, transaction, told.EventId, iin, told, cancellationToken);
        await CaseStore.AppendTimelineAsync(connection, transaction, referral.CaseId, now, FollowUpActor, $"follow-up-{change.Kind.ToString().ToLowerInvariant()}",
            new Dictionary<string, string?>
            {
                ["agency"] = referral.Agency, ["task"] = referral.Task, ["clock"] = change.Clock.ToString(),
                ["deadline"] = change.Deadline.ToString("yyyy-MM-dd"), ["level"] = change.Level.ToString(), ["to"] = change.To?.ToString(),
            }, cancellationToken);
    }

    /// <summary>How the follow-up signs what it writes on a case's timeline: no person did it.</summary>
    public const string FollowUpActor = "platform";

    private static IReadOnlyList<ClockReading> ClocksOf(CaseReferral referral, DateTimeOffset now) =>
        ReferralClocks.Read(referral.Progress, now, WorkingCalendar.Kazakhstan, FollowUpSchedule.Default);

    private static string ClockCode(ClockKind clock) => clock switch
    {
        ClockKind.Acknowledge => "acknowledge",
        ClockKind.Act => "act",
        _ => "report_back",
    };

    private static async Task SaveFollowUpAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CaseReferral referral,
        CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand("""
            UPDATE gateway.case_referrals SET clocks = $2, next_change_at = $3, attention = $4, escalation_level = $5 WHERE referral_id = $1
            """, connection, transaction);
        update.Parameters.Add(new() { Value = referral.Id });
        update.Parameters.Add(new() { Value = JsonSerializer.Serialize(referral.Clocks, ClockJson), NpgsqlDbType = NpgsqlDbType.Jsonb });
        // The clocks change at local midnights (+05:00); timestamptz takes instants as UTC.
        update.Parameters.Add(new() { Value = (object?)ReferralClocks.NextChangeAt(referral.Clocks)?.ToUniversalTime() ?? DBNull.Value });
        update.Parameters.Add(new() { Value = FollowUpChanges.AttentionOf(referral.Clocks).ToString().ToLowerInvariant() });
        update.Parameters.Add(new() { Value = referral.EscalationLevel });
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CaseReferral>> OfCaseAsync(Guid caseId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM gateway.case_referrals WHERE case_id = $1 ORDER BY issued_at");
        command.Parameters.Add(new() { Value = caseId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var referrals = new List<CaseReferral>();
        while (await reader.ReadAsync(cancellationToken)) referrals.Add(ReferralOf(reader));
        return referrals;
    }

    private static async Task<CaseReferral?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid referralId,
        CancellationToken cancellationToken, bool forUpdate = false)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM gateway.case_referrals WHERE referral_id = $1 {(forUpdate ? "FOR UPDATE" : "")}", connection, transaction);
        command.Parameters.Add(new() { Value = referralId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReferralOf(reader) : null;
    }

    /// <summary>The agency's territorial office is found by where the child lives: its newest place in the commission's territory.</summary>
    private static async Task<string> ChildPlaceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CaseFile held,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT region FROM gateway.reported_identity WHERE iin = $1 AND region LIKE $2 || '%' ORDER BY reported_at DESC LIMIT 1
            """, connection, transaction);
        command.Parameters.Add(new() { Value = held.Iin });
        command.Parameters.Add(new() { Value = held.Number.Commission.UnitPrefix });
        return await command.ExecuteScalarAsync(cancellationToken) as string ?? held.Number.Commission.Value;
    }

    private static string StateCode(ReferralState state) => state.ToString().ToLowerInvariant();

    internal static ReferralState StateOf(string code) => Enum.Parse<ReferralState>(code, ignoreCase: true);

    private static CaseReferral ReferralOf(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateOnly>(4),
        reader.GetFieldValue<DateTimeOffset>(5), reader.GetString(6), StateOf(reader.GetString(7)),
        reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8), reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10), reader.IsDBNull(11) ? null : reader.GetString(11))
    {
        Kato = reader.GetString(12),
        Clocks = JsonSerializer.Deserialize<List<ClockReading>>(reader.GetString(13), ClockJson)!,
    };
}
