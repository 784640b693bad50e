using Npgsql;
using Platform.Audit;
using Platform.Contracts.Territory;
using Platform.Gateway.Cases.FollowUp;
using Platform.Gateway.Profiles;
using Platform.Gateway.Cases.Sessions;

namespace Platform.Gateway.Cases;

/// <summary>A child of the commission's territory with open signals and no open case of the commission yet.</summary>
public sealed record NewSignalRow(string Iin, string? LastName, string? FirstName, IReadOnlyList<string> Signals, DateTimeOffset FirstRaisedAt);

/// <summary>An open case; <see cref="OverdueReferrals"/> and <see cref="WarnedReferrals"/> say what needs attention.</summary>
public sealed record OpenCaseRow(Guid Id, CaseNumber Number, string Iin, string? LastName, string? FirstName, CaseStatus Status, string? Responsible,
    DateTimeOffset OpenedAt, int OverdueReferrals = 0, int WarnedReferrals = 0, int UnseenAlerts = 0, int UrgentAlerts = 0, int OverdueMeasures = 0);

/// <summary>A referral of a commission within this one's territory, overdue so long that it escalated to this commission.</summary>
public sealed record EscalatedReferralRow(Guid CaseId, CaseNumber Number, string Agency, string Task, DateOnly DueOn, int Level);

/// <summary>What a commission sees on signing in: a page of new signals (in IIN order, after <see cref="NextAfterIin"/>), its open cases, and counts.</summary>
public sealed record WorkQueueView(
    IReadOnlyList<NewSignalRow> NewSignals, string? NextAfterIin, IReadOnlyList<OpenCaseRow> OpenCases,
    IReadOnlyDictionary<string, int> NewSignalsByCode, IReadOnlyDictionary<CaseStatus, int> CasesByStatus)
{
    public IReadOnlyList<EscalatedReferralRow> EscalatedToUs { get; init; } = [];

    /// <summary>The commission's next planned sessions, the soonest first.</summary>
    public IReadOnlyList<CommissionSession> UpcomingSessions { get; init; } = [];
}

/// <summary>The commission's work queue, read from the profile's signals and the cases; every child shown is audited as a search.</summary>
public sealed class WorkQueue(NpgsqlDataSource dataSource, AuditTrail audit, TimeProvider time)
{
    public const int MaximumPageSize = 200;
    public const int OpenCasesShown = 200;
    public const int UpcomingSessionsShown = 5;

    // A child is the commission's when an agency reported it inside the territory (as the profile's search decides).
    private const string InTerritory =
        "EXISTS (SELECT 1 FROM gateway.reported_identity r WHERE r.iin = s.iin AND r.region LIKE @territory || '%')";
    private const string WithoutOpenCase =
        "NOT EXISTS (SELECT 1 FROM gateway.cases c WHERE c.iin = s.iin AND c.commission = @commission AND c.status <> 'closed')";

    public async Task<WorkQueueView> ReadAsync(CaseActor actor, string? signal, string afterIin, int pageSize, CancellationToken cancellationToken)
    {
        pageSize = Math.Clamp(pageSize, 1, MaximumPageSize);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var (newSignals, next) = await NewSignalsAsync(connection, actor.Commission, signal, afterIin, pageSize, cancellationToken);
        var openCases = await OpenCasesAsync(connection, actor.Commission, WorkingCalendar.Kazakhstan.LocalDate(time.GetUtcNow()), cancellationToken);
        var view = new WorkQueueView(newSignals, next, openCases,
            await NewSignalCountsAsync(connection, actor.Commission, cancellationToken), await CaseCountsAsync(connection, actor.Commission, cancellationToken))
        {
            EscalatedToUs = await EscalatedToAsync(connection, actor.Commission, cancellationToken),
            UpcomingSessions = await UpcomingSessionsAsync(connection, actor.Commission, cancellationToken),
        };

        var shown = newSignals.Select(row => row.Iin).Concat(openCases.Select(row => row.Iin)).Distinct().ToList();
        await audit.AppendAsync(shown.Select(iin => new AuditEntry(actor.Audit, AuditAction.Search, iin, ["identity", "signals"],
            "commission work queue", AuditOutcome.Allowed, actor.ClientAddress)).ToList(), cancellationToken);
        return view;
    }

    /// <summary>How many open signals of the commission's territory wait for a case, and how many cases it has; read without audit (no child is shown).</summary>
    public async Task<(int NewSignals, int Cases)> TotalsAsync(Kato commission, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return ((await NewSignalCountsAsync(connection, commission, cancellationToken)).Values.Sum(),
            (await CaseCountsAsync(connection, commission, cancellationToken)).Values.Sum());
    }

    private static async Task<(IReadOnlyList<NewSignalRow>, string?)> NewSignalsAsync(NpgsqlConnection connection, Kato commission, string? signal,
        string afterIin, int pageSize, CancellationToken cancellationToken)
    {
        // The territory's signals are gathered first (a hash join on the territory's identities), then paged: left to
        // itself, the planner walks every identity of the country in IIN order hoping to fill the page early, which
        // took 410 ms instead of 31 at a million children.
        await using var command = new NpgsqlCommand($"""
            WITH matching AS MATERIALIZED (
                SELECT s.iin, s.code, s.raised_at FROM gateway.signals s
                WHERE s.cleared_at IS NULL AND s.iin > @after AND (@signal = '' OR s.code = @signal) AND {InTerritory} AND {WithoutOpenCase}
            ), page AS (
                SELECT iin, array_agg(code ORDER BY code) AS codes, min(raised_at) AS first_raised
                FROM matching GROUP BY iin ORDER BY iin LIMIT @limit
            )
            SELECT page.iin, page.codes, page.first_raised, latest.last_name, latest.first_name
            FROM page
            {LatestReportedName.JoinOn("page.iin")}
            ORDER BY page.iin
            """, connection);
        command.Parameters.AddWithValue("after", afterIin);
        command.Parameters.AddWithValue("signal", signal ?? "");
        command.Parameters.AddWithValue("territory", commission.UnitPrefix);
        command.Parameters.AddWithValue("commission", commission.Value);
        command.Parameters.AddWithValue("limit", pageSize + 1);
        var rows = new List<NewSignalRow>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
                rows.Add(new NewSignalRow(reader.GetString(0), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.GetFieldValue<string[]>(1), reader.GetFieldValue<DateTimeOffset>(2)));
        return rows.Count > pageSize ? (rows[..pageSize], rows[pageSize - 1].Iin) : (rows, null);
    }

    private static async Task<IReadOnlyList<OpenCaseRow>> OpenCasesAsync(NpgsqlConnection connection, Kato commission, DateOnly today,
        CancellationToken cancellationToken)
    {
        // Only the cases that can be shown are counted: every case needing attention, and the newest open ones after
        // them; a commission's thousands of quiet cases are not looked at one by one.
        await using var command = new NpgsqlCommand($"""
            WITH candidates AS (
                (SELECT c.case_id FROM gateway.cases c
                 WHERE c.commission = @commission AND c.status <> 'closed' ORDER BY c.opened_at DESC LIMIT @limit)
                UNION
                SELECT r.case_id FROM gateway.case_referrals r JOIN gateway.cases c ON c.case_id = r.case_id
                WHERE r.attention <> 'none' AND c.commission = @commission AND c.status <> 'closed'
                UNION
                SELECT a.case_id FROM gateway.case_alerts a JOIN gateway.cases c ON c.case_id = a.case_id
                WHERE a.seen_at IS NULL AND c.commission = @commission AND c.status <> 'closed'
                UNION
                SELECT m.case_id FROM gateway.decision_measures m JOIN gateway.cases c ON c.case_id = m.case_id
                WHERE m.member_id IS NOT NULL AND m.done_at IS NULL AND m.due_on < @today AND c.commission = @commission AND c.status <> 'closed'
            )
            SELECT c.case_id, c.year, c.number, c.iin, c.status, c.responsible, c.opened_at, latest.last_name, latest.first_name,
                   attention.overdue, attention.warned, alerts.unseen, alerts.urgent, measures.overdue
            FROM candidates JOIN gateway.cases c ON c.case_id = candidates.case_id
            {LatestReportedName.JoinOn("c.iin")}
            CROSS JOIN LATERAL (
                SELECT count(*) FILTER (WHERE r.attention = 'overdue') AS overdue, count(*) FILTER (WHERE r.attention = 'warned') AS warned
                FROM gateway.case_referrals r WHERE r.case_id = c.case_id
            ) attention
            CROSS JOIN LATERAL (
                SELECT count(*) AS unseen, count(*) FILTER (WHERE a.risk = 1) AS urgent
                FROM gateway.case_alerts a WHERE a.case_id = c.case_id AND a.seen_at IS NULL
            ) alerts
            CROSS JOIN LATERAL (
                SELECT count(*) AS overdue FROM gateway.decision_measures m
                WHERE m.case_id = c.case_id AND m.member_id IS NOT NULL AND m.done_at IS NULL AND m.due_on < @today
            ) measures
            ORDER BY alerts.urgent > 0 DESC, attention.overdue + measures.overdue > 0 DESC, alerts.unseen > 0 DESC, attention.warned > 0 DESC, c.opened_at DESC
            LIMIT @limit
            """, connection);
        command.Parameters.AddWithValue("commission", commission.Value);
        command.Parameters.AddWithValue("limit", OpenCasesShown);
        command.Parameters.AddWithValue("today", today);
        var rows = new List<OpenCaseRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new OpenCaseRow(reader.GetGuid(0), new CaseNumber(commission, reader.GetInt32(1), reader.GetInt32(2)), reader.GetString(3),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                CaseStore.ParseStatus(reader.GetString(4)), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6),
                (int)reader.GetInt64(9), (int)reader.GetInt64(10), (int)reader.GetInt64(11), (int)reader.GetInt64(12), (int)reader.GetInt64(13)));
        return rows;
    }

    private static async Task<IReadOnlyList<CommissionSession>> UpcomingSessionsAsync(NpgsqlConnection connection, Kato commission,
        CancellationToken cancellationToken) =>
        (await CommissionSessions.PlannedAsync(connection, commission, cancellationToken)).Take(UpcomingSessionsShown).ToList();

    /// <summary>The escalation ladder's step at which an overdue referral reaches the commission of the level above.</summary>
    private static readonly int HigherCommissionLevel =
        FollowUpSchedule.Default.Escalation.First(step => step.To == EscalationTarget.HigherCommission).Level;

    private static async Task<IReadOnlyList<EscalatedReferralRow>> EscalatedToAsync(NpgsqlConnection connection, Kato commission,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT c.case_id, c.commission, c.year, c.number, r.agency, r.task, r.due_on, r.escalation_level
            FROM gateway.case_referrals r JOIN gateway.cases c ON c.case_id = r.case_id
            WHERE r.attention = 'overdue' AND r.escalation_level >= @level
              AND c.commission LIKE @territory || '%' AND c.commission <> @commission
            ORDER BY r.escalation_level DESC, r.due_on
            LIMIT @limit
            """, connection);
        command.Parameters.AddWithValue("level", HigherCommissionLevel);
        command.Parameters.AddWithValue("territory", commission.UnitPrefix);
        command.Parameters.AddWithValue("commission", commission.Value);
        command.Parameters.AddWithValue("limit", OpenCasesShown);
        var rows = new List<EscalatedReferralRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new EscalatedReferralRow(reader.GetGuid(0), new CaseNumber(Kato.Parse(reader.GetString(1)), reader.GetInt32(2), reader.GetInt32(3)),
                reader.GetString(4), reader.GetString(5), reader.GetFieldValue<DateOnly>(6), reader.GetInt32(7)));
        return rows;
    }

    private static async Task<IReadOnlyDictionary<string, int>> NewSignalCountsAsync(NpgsqlConnection connection, Kato commission,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT s.code, count(*) FROM gateway.signals s
            WHERE s.cleared_at IS NULL AND {InTerritory} AND {WithoutOpenCase}
            GROUP BY s.code
            """, connection);
        command.Parameters.AddWithValue("territory", commission.UnitPrefix);
        command.Parameters.AddWithValue("commission", commission.Value);
        var counts = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) counts[reader.GetString(0)] = (int)reader.GetInt64(1);
        return counts;
    }

    private static async Task<IReadOnlyDictionary<CaseStatus, int>> CaseCountsAsync(NpgsqlConnection connection, Kato commission,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT status, count(*) FROM gateway.cases WHERE commission = @commission GROUP BY status", connection);
        command.Parameters.AddWithValue("commission", commission.Value);
        var counts = new Dictionary<CaseStatus, int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) counts[CaseStore.ParseStatus(reader.GetString(0))] = (int)reader.GetInt64(1);
        return counts;
    }
}
