using System.Diagnostics;
using Npgsql;
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
        referral_id, case_id, agency, task, due_on, issued_at, issued_by, state, acknowledged_at, acknowledged_by, completed_at, outcome
        """;

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

        var issued = new CaseReferral(referral.Id, caseId, referral.Agency, referral.Task.Trim(), referral.DueOn, now, actor.Name, ReferralState.Issued);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO gateway.case_referrals (referral_id, case_id, agency, task, due_on, issued_at, issued_by, state)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 'issued')
            """, connection, transaction))
        {
            foreach (var value in new object[] { issued.Id, caseId, issued.Agency, issued.Task, issued.DueOn, now, actor.Name })
                insert.Parameters.Add(new NpgsqlParameter { Value = value });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await CaseStore.AppendTimelineAsync(connection, transaction, caseId, now, actor.Name, "referral",
            new Dictionary<string, string?> { ["agency"] = issued.Agency, ["task"] = issued.Task, ["due"] = issued.DueOn.ToString("yyyy-MM-dd") },
            cancellationToken);
        var message = new ReferralIssued
        {
            EventId = Guid.CreateVersion7(now), ReferralId = issued.Id, CaseId = caseId.ToString(), TargetAgency = issued.Agency, Iin = held.Iin,
            Kato = await ChildPlaceAsync(connection, transaction, held, cancellationToken), Task = issued.Task,
            DueAt = ReferralRules.DueAt(issued.DueOn, WorkingCalendar.Kazakhstan), IssuedAt = now,
            IssuedBy = $"КДНЗП {held.Number.Commission.Value}, дело {held.Number}", TraceParent = Activity.Current?.Id,
        };
        await OutboxWriter.AddAsync(connection, transaction, message.EventId, held.Iin, message, cancellationToken);
        await CaseStore.AuditWriteAsync(audit, connection, transaction, actor, held.Iin, "case.referrals", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
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

    private static CaseReferral ReferralOf(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateOnly>(4),
        reader.GetFieldValue<DateTimeOffset>(5), reader.GetString(6), Enum.Parse<ReferralState>(reader.GetString(7), ignoreCase: true),
        reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8), reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10), reader.IsDBNull(11) ? null : reader.GetString(11));
}
