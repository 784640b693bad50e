using Npgsql;
using Platform.Audit;
using Platform.Contracts.Territory;
using Platform.Gateway.Cases.FollowUp;
using Platform.Gateway.Cases.Referrals;
using Platform.Gateway.Profiles;

namespace Platform.Gateway.Cases.Sessions;

/// <summary>
/// The commission's sessions (<c>gateway.commission_sessions</c> and the tables beside it): planning, the agenda,
/// attendance, the decisions with their votes and measures, and signing the protocol. Every change is one
/// transaction with its audit entry and the heard case's timeline line; a signed protocol changes no more.
/// </summary>
public sealed class CommissionSessions(NpgsqlDataSource dataSource, AuditTrail audit, CaseReferrals referrals, TimeProvider time)
{
    public const int SessionsListed = 100;

    private const string SessionColumns = "s.session_id, s.commission, s.year, s.number, s.meets_at, s.place, s.status, s.version, s.held_at, s.held_by, s.composition";

    public async Task<CommissionSession> PlanAsync(NewSession session, CaseActor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (SessionRules.CheckSession(session, now) is { } problem) throw new CaseRefusedException(problem, $"The session cannot be planned: {problem}.");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The same form posted again: the session is planned once.
        if (await ReadAsync(connection, transaction, session.Id, forUpdate: false, cancellationToken) is { } already)
            return already.Number.Commission == actor.Commission ? already : throw new CaseRefusedException(CaseProblem.StaleForm, "The form belongs to another commission.");

        var number = await CaseStore.NextNumberAsync(connection, transaction, actor.Commission, CaseStore.YearOf(session.MeetsAt), cancellationToken,
            CaseStore.NumberSeries.Sessions);
        var planned = new CommissionSession(session.Id, number, session.MeetsAt, session.Place.Trim(), SessionStatus.Planned, 1);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO gateway.commission_sessions (session_id, commission, year, number, meets_at, place, status, planned_at, planned_by, version)
            VALUES ($1, $2, $3, $4, $5, $6, 'planned', $7, $8, 1)
            """, connection, transaction))
        {
            foreach (var value in new object[] { planned.Id, number.Commission.Value, number.Year, number.Number, planned.MeetsAt.ToUniversalTime(), planned.Place, now, actor.Name })
                insert.Parameters.Add(new NpgsqlParameter { Value = value });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await CaseStore.AuditWriteAsync(audit, connection, transaction, actor, null, "commission.sessions", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return planned;
    }

    /// <summary>The commission's sessions, the latest first, with the size of each agenda.</summary>
    public async Task<IReadOnlyList<CommissionSession>> OfCommissionAsync(Kato commission, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ListAsync(connection, commission, "true ORDER BY s.meets_at DESC", cancellationToken);
    }

    /// <summary>The commission's sessions whose protocol is not signed yet, the soonest first, with the size of each agenda.</summary>
    internal static async Task<IReadOnlyList<CommissionSession>> PlannedAsync(NpgsqlConnection connection, Kato commission,
        CancellationToken cancellationToken) =>
        await ListAsync(connection, commission, "s.status = 'planned' ORDER BY s.meets_at", cancellationToken);

    private static async Task<IReadOnlyList<CommissionSession>> ListAsync(NpgsqlConnection connection, Kato commission, string conditionAndOrder,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT {SessionColumns}, (SELECT count(*) FROM gateway.session_agenda a WHERE a.session_id = s.session_id)
            FROM gateway.commission_sessions s WHERE s.commission = $1 AND {conditionAndOrder} LIMIT $2
            """, connection);
        command.Parameters.Add(new() { Value = commission.Value });
        command.Parameters.Add(new() { Value = SessionsListed });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sessions = new List<CommissionSession>();
        while (await reader.ReadAsync(cancellationToken)) sessions.Add(SessionOf(reader) with { AgendaSize = (int)reader.GetInt64(11) });
        return sessions;
    }

    /// <summary>The session with its agenda, composition, attendance and measures, if it is the actor's commission's.</summary>
    public async Task<SessionFile?> GetAsync(Guid sessionId, CaseActor actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await ReadAsync(connection, null, sessionId, forUpdate: false, cancellationToken) is not { } session
            || session.Number.Commission != actor.Commission)
            return null;
        var present = await PresentAsync(connection, null, sessionId, cancellationToken);
        var composition = (await CommissionComposition.OfAsync(connection, null, actor.Commission, includeFormer: true, cancellationToken))
            .Where(member => member.Active || present.Contains(member.Id)).ToList();
        var file = new SessionFile(session, await AgendaAsync(connection, sessionId, cancellationToken), composition, present,
            await MeasuresAsync(connection, "m.session_id = $1", sessionId, cancellationToken));
        await audit.AppendAsync(file.Agenda.Select(item => new AuditEntry(actor.Audit, AuditAction.Read, item.Iin, ["case", "session"],
            "commission session", AuditOutcome.Allowed, actor.ClientAddress)).ToList(), cancellationToken);
        return file;
    }

    public async Task AddToAgendaAsync(Guid sessionId, int expectedVersion, Guid caseId, CaseActor actor, CancellationToken cancellationToken) =>
        await ChangeAsync(sessionId, expectedVersion, actor, cancellationToken, async (connection, transaction, session, now) =>
        {
            var heard = await CaseStore.LockAsync(connection, transaction, caseId, actor, cancellationToken);
            if (heard.Status == CaseStatus.Closed) throw new CaseRefusedException(CaseProblem.CaseClosed, $"Case {heard.Number} is closed.");
            await using (var insert = new NpgsqlCommand("""
                INSERT INTO gateway.session_agenda (session_id, case_id, position)
                SELECT $1, $2, coalesce(max(position), 0) + 1 FROM gateway.session_agenda WHERE session_id = $1
                ON CONFLICT DO NOTHING
                """, connection, transaction))
            {
                insert.Parameters.Add(new() { Value = sessionId });
                insert.Parameters.Add(new() { Value = caseId });
                if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
                    throw new CaseRefusedException(CaseProblem.AlreadyOnAgenda, $"Case {heard.Number} is on the agenda already.");
            }
            await CaseStore.AppendTimelineAsync(connection, transaction, caseId, now, actor.Name, "agenda", SessionDetails(session), cancellationToken);
            return heard.Iin;
        });

    public async Task RemoveFromAgendaAsync(Guid sessionId, int expectedVersion, Guid caseId, CaseActor actor, CancellationToken cancellationToken) =>
        await ChangeAsync(sessionId, expectedVersion, actor, cancellationToken, async (connection, transaction, session, _) =>
        {
            var item = await AgendaItemAsync(connection, transaction, sessionId, caseId, cancellationToken);
            if (item.Decision is not null) throw new CaseRefusedException(CaseProblem.AgendaItemDecided, $"Case {item.CaseNumber} was decided at this session.");
            await using var delete = new NpgsqlCommand("DELETE FROM gateway.session_agenda WHERE session_id = $1 AND case_id = $2", connection, transaction);
            delete.Parameters.Add(new() { Value = sessionId });
            delete.Parameters.Add(new() { Value = caseId });
            await delete.ExecuteNonQueryAsync(cancellationToken);
            return item.Iin;
        });

    /// <summary>Records who of the composition is present; the quorum is counted on it.</summary>
    public async Task RecordAttendanceAsync(Guid sessionId, int expectedVersion, IReadOnlyCollection<Guid> present, CaseActor actor,
        CancellationToken cancellationToken) =>
        await ChangeAsync(sessionId, expectedVersion, actor, cancellationToken, async (connection, transaction, session, _) =>
        {
            var members = (await CommissionComposition.OfAsync(connection, transaction, actor.Commission, includeFormer: false, cancellationToken))
                .Select(member => member.Id).ToHashSet();
            if (!present.All(members.Contains)) throw new CaseRefusedException(CaseProblem.MemberUnknown, "Someone marked present is not a member of this commission.");
            await using (var clear = new NpgsqlCommand("DELETE FROM gateway.session_attendance WHERE session_id = $1", connection, transaction))
            {
                clear.Parameters.Add(new() { Value = sessionId });
                await clear.ExecuteNonQueryAsync(cancellationToken);
            }
            await using (var insert = new NpgsqlCommand(
                "INSERT INTO gateway.session_attendance (session_id, member_id) SELECT $1, unnest($2::uuid[])", connection, transaction))
            {
                insert.Parameters.Add(new() { Value = sessionId });
                insert.Parameters.Add(new() { Value = present.Distinct().ToArray() });
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            return null;
        });

    /// <summary>Records the commission's resolution on a heard case with the vote; refused without a quorum.</summary>
    public async Task DecideAsync(Guid sessionId, int expectedVersion, Guid caseId, string resolution, Vote vote, CaseActor actor,
        CancellationToken cancellationToken) =>
        await ChangeAsync(sessionId, expectedVersion, actor, cancellationToken, async (connection, transaction, session, now) =>
        {
            var item = await AgendaItemAsync(connection, transaction, sessionId, caseId, cancellationToken);
            if (item.Decision is not null) throw new CaseRefusedException(CaseProblem.AgendaItemDecided, $"Case {item.CaseNumber} was decided at this session.");
            var present = await PresentAsync(connection, transaction, sessionId, cancellationToken);
            var composition = await CommissionComposition.OfAsync(connection, transaction, actor.Commission, includeFormer: false, cancellationToken);
            var quorum = SessionRules.QuorumOf(composition.Count, present.Count);
            if (SessionRules.CheckDecision(resolution, vote, quorum) is { } problem)
                throw new CaseRefusedException(problem, $"The decision cannot be recorded: {problem} ({quorum.Present} present of {quorum.Composition}, {quorum.Required} needed).");
            var chairPresent = composition.Any(member => member.Role == MemberRole.Chair && present.Contains(member.Id));
            var adopted = SessionRules.IsAdopted(vote, present.Count, chairPresent);
            await using (var update = new NpgsqlCommand("""
                UPDATE gateway.session_agenda
                SET resolution = $3, votes_for = $4, votes_against = $5, votes_abstained = $6, adopted = $7, decided_at = $8, decided_by = $9
                WHERE session_id = $1 AND case_id = $2
                """, connection, transaction))
            {
                foreach (var value in new object[] { sessionId, caseId, resolution.Trim(), vote.For, vote.Against, vote.Abstained, adopted, now, actor.Name })
                    update.Parameters.Add(new NpgsqlParameter { Value = value });
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
            await CaseStore.AppendTimelineAsync(connection, transaction, caseId, now, actor.Name, "decision", new Dictionary<string, string?>(SessionDetails(session))
            {
                ["resolution"] = resolution.Trim(), ["for"] = vote.For.ToString(), ["against"] = vote.Against.ToString(),
                ["abstained"] = vote.Abstained.ToString(), ["adopted"] = adopted ? "yes" : "no",
            }, cancellationToken);
            return item.Iin;
        });

    /// <summary>
    /// Adds a measure to an adopted decision: an agency's is issued as a referral in the same transaction (and followed up
    /// like every referral), a member's is followed here. The measure's id comes with the form: posted twice, it is added once.
    /// </summary>
    public async Task AddMeasureAsync(Guid sessionId, Guid caseId, NewMeasure measure, CaseActor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (SessionRules.CheckMeasure(measure, WorkingCalendar.Kazakhstan.LocalDate(now)) is { } problem)
            throw new CaseRefusedException(problem, $"The measure cannot be added: {problem}.");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var session = await LockPlannedAsync(connection, transaction, sessionId, actor, cancellationToken);
        if (await MeasureExistsAsync(connection, transaction, measure.Id, cancellationToken)) return;
        var item = await AgendaItemAsync(connection, transaction, sessionId, caseId, cancellationToken);
        if (item.Decision is not { Adopted: true })
            throw new CaseRefusedException(CaseProblem.DecisionNotAdopted, $"No adopted decision on case {item.CaseNumber} at this session.");
        var heard = await CaseStore.LockAsync(connection, transaction, caseId, actor, cancellationToken);
        if (heard.Status == CaseStatus.Closed) throw new CaseRefusedException(CaseProblem.CaseClosed, $"Case {heard.Number} is closed.");

        string? memberName = null;
        if (measure.MemberId is { } memberId)
            memberName = (await CommissionComposition.OfAsync(connection, transaction, actor.Commission, includeFormer: false, cancellationToken))
                .FirstOrDefault(member => member.Id == memberId)?.FullName
                ?? throw new CaseRefusedException(CaseProblem.MemberUnknown, "The executor is not a member of this commission.");
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO gateway.decision_measures (measure_id, session_id, case_id, agency, member_id, task, due_on, decided_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """, connection, transaction))
        {
            foreach (var value in new object?[] { measure.Id, sessionId, caseId, measure.Agency, measure.MemberId, measure.Task.Trim(), measure.DueOn, now })
                insert.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        if (measure.Agency is { } agency)
            await referrals.IssueWithinAsync(connection, transaction, heard, new NewReferral(measure.Id, agency, measure.Task, measure.DueOn), actor, now,
                cancellationToken);
        else
        {
            await CaseStore.AppendTimelineAsync(connection, transaction, caseId, now, actor.Name, "measure", new Dictionary<string, string?>(SessionDetails(session))
            {
                ["member"] = memberName, ["task"] = measure.Task.Trim(), ["due"] = measure.DueOn.ToString("yyyy-MM-dd"),
            }, cancellationToken);
            await CaseStore.AuditWriteAsync(audit, connection, transaction, actor, heard.Iin, "case.measures", cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Signs the protocol: the session has met with a quorum and decided every case on its agenda; nothing changes after.</summary>
    public async Task HoldAsync(Guid sessionId, int expectedVersion, CaseActor actor, CancellationToken cancellationToken) =>
        await ChangeAsync(sessionId, expectedVersion, actor, cancellationToken, async (connection, transaction, session, now) =>
        {
            var present = await PresentAsync(connection, transaction, sessionId, cancellationToken);
            var composition = await CommissionComposition.OfAsync(connection, transaction, actor.Commission, includeFormer: false, cancellationToken);
            var agenda = await AgendaAsync(connection, sessionId, cancellationToken, transaction);
            if (SessionRules.CheckHolding(session.MeetsAt, now, SessionRules.QuorumOf(composition.Count, present.Count),
                    agenda.Select(item => item.Decision is not null).ToList()) is { } problem)
                throw new CaseRefusedException(problem, $"The protocol cannot be signed: {problem}.");
            await using (var update = new NpgsqlCommand(
                "UPDATE gateway.commission_sessions SET status = 'held', held_at = $2, held_by = $3, composition = $4 WHERE session_id = $1", connection, transaction))
            {
                foreach (var value in new object[] { sessionId, now, actor.Name, composition.Count })
                    update.Parameters.Add(new NpgsqlParameter { Value = value });
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
            return null;
        });

    /// <summary>The member who was given a measure reports it carried out; an agency's measure is carried out by its referral's completion.</summary>
    public async Task MarkMeasureDoneAsync(Guid caseId, Guid measureId, string note, CaseActor actor, CancellationToken cancellationToken)
    {
        note = note.Trim();
        if (note.Length == 0) throw new CaseRefusedException(CaseProblem.NoteEmpty, "Say what was done.");
        if (note.Length > CaseStore.MaximumReasonLength) throw new CaseRefusedException(CaseProblem.ReasonTooLong, "The note is too long.");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var held = await CaseStore.LockAsync(connection, transaction, caseId, actor, cancellationToken);
        var measure = (await MeasuresAsync(connection, "m.measure_id = $1", measureId, cancellationToken, transaction))
            .FirstOrDefault(m => m.CaseId == caseId && m.MemberId is not null)
            ?? throw new CaseRefusedException(CaseProblem.MemberUnknown, "No measure given to a member on this case.");
        if (measure.DoneAt is not null) return;
        var now = time.GetUtcNow();
        await using (var update = new NpgsqlCommand(
            "UPDATE gateway.decision_measures SET done_at = $2, done_by = $3, done_note = $4 WHERE measure_id = $1", connection, transaction))
        {
            foreach (var value in new object[] { measureId, now, actor.Name, note })
                update.Parameters.Add(new NpgsqlParameter { Value = value });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        await CaseStore.AppendTimelineAsync(connection, transaction, caseId, now, actor.Name, "measure-done",
            new Dictionary<string, string?> { ["member"] = measure.MemberName, ["task"] = measure.Task, ["said"] = note }, cancellationToken);
        await CaseStore.AuditWriteAsync(audit, connection, transaction, actor, held.Iin, "case.measures", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The sessions that heard the case, and what they decided, the latest first.</summary>
    public async Task<IReadOnlyList<CaseHearing>> HearingsOfCaseAsync(Guid caseId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {SessionColumns}, a.resolution, a.votes_for, a.votes_against, a.votes_abstained, a.adopted, a.decided_at, a.decided_by
            FROM gateway.session_agenda a JOIN gateway.commission_sessions s ON s.session_id = a.session_id
            WHERE a.case_id = $1 ORDER BY s.meets_at DESC
            """);
        command.Parameters.Add(new() { Value = caseId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var hearings = new List<CaseHearing>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var session = SessionOf(reader);
            hearings.Add(new CaseHearing(session.Id, session.Number, session.MeetsAt, session.Status, DecisionOf(reader, 11)));
        }
        return hearings;
    }

    /// <summary>The commission's open cases that are not on the session's agenda yet, to choose from.</summary>
    public async Task<IReadOnlyList<CaseToHear>> CasesToHearAsync(Guid sessionId, Kato commission, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT c.case_id, c.year, c.number, c.iin FROM gateway.cases c
            WHERE c.commission = $1 AND c.status <> 'closed'
              AND NOT EXISTS (SELECT 1 FROM gateway.session_agenda a WHERE a.session_id = $2 AND a.case_id = c.case_id)
            ORDER BY c.year DESC, c.number DESC LIMIT $3
            """);
        command.Parameters.Add(new() { Value = commission.Value });
        command.Parameters.Add(new() { Value = sessionId });
        command.Parameters.Add(new() { Value = SessionsListed });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var cases = new List<CaseToHear>();
        while (await reader.ReadAsync(cancellationToken))
            cases.Add(new CaseToHear(reader.GetGuid(0), new CaseNumber(commission, reader.GetInt32(1), reader.GetInt32(2)), reader.GetString(3)));
        return cases;
    }

    public Task<IReadOnlyList<DecisionMeasure>> MeasuresOfCaseAsync(Guid caseId, CancellationToken cancellationToken) =>
        MeasuresOfAsync("m.case_id = $1", caseId, cancellationToken);

    private async Task<IReadOnlyList<DecisionMeasure>> MeasuresOfAsync(string condition, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await MeasuresAsync(connection, condition, id, cancellationToken);
    }

    /// <summary>
    /// A change of a planned session of the actor's commission made from a form of <paramref name="expectedVersion"/>:
    /// the session's version rises with it, so a form posted on an older state is refused. The change returns the IIN of
    /// the child it concerns, for the audit entry.
    /// </summary>
    private async Task ChangeAsync(Guid sessionId, int expectedVersion, CaseActor actor, CancellationToken cancellationToken,
        Func<NpgsqlConnection, NpgsqlTransaction, CommissionSession, DateTimeOffset, Task<string?>> change)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var session = await LockPlannedAsync(connection, transaction, sessionId, actor, cancellationToken);
        if (session.Version != expectedVersion)
            throw new CaseRefusedException(CaseProblem.StaleForm, $"Session {session.Number} changed since the form was opened.");
        var now = time.GetUtcNow();
        var iin = await change(connection, transaction, session, now);
        await using (var bump = new NpgsqlCommand("UPDATE gateway.commission_sessions SET version = version + 1 WHERE session_id = $1", connection, transaction))
        {
            bump.Parameters.Add(new() { Value = sessionId });
            await bump.ExecuteNonQueryAsync(cancellationToken);
        }
        await CaseStore.AuditWriteAsync(audit, connection, transaction, actor, iin, "commission.sessions", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<CommissionSession> LockPlannedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid sessionId,
        CaseActor actor, CancellationToken cancellationToken)
    {
        var session = await ReadAsync(connection, transaction, sessionId, forUpdate: true, cancellationToken);
        // Another commission's session is answered as missing, like its cases.
        if (session is null || session.Number.Commission != actor.Commission) throw new SessionNotFoundException(sessionId);
        return session.Status == SessionStatus.Held
            ? throw new CaseRefusedException(CaseProblem.SessionHeld, $"The protocol of session {session.Number} is signed.")
            : session;
    }

    private static async Task<CommissionSession?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid sessionId, bool forUpdate,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {SessionColumns} FROM gateway.commission_sessions s WHERE s.session_id = $1 {(forUpdate ? "FOR UPDATE" : "")}", connection, transaction);
        command.Parameters.Add(new() { Value = sessionId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? SessionOf(reader) : null;
    }

    private static CommissionSession SessionOf(NpgsqlDataReader reader) =>
        new(reader.GetGuid(0), new CaseNumber(Kato.Parse(reader.GetString(1)), reader.GetInt32(2), reader.GetInt32(3)), reader.GetFieldValue<DateTimeOffset>(4),
            reader.GetString(5), reader.GetString(6) == "held" ? SessionStatus.Held : SessionStatus.Planned, reader.GetInt32(7),
            reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8), reader.IsDBNull(9) ? null : reader.GetString(9),
            reader.IsDBNull(10) ? null : reader.GetInt32(10));

    /// <summary>The decision in the seven columns from <paramref name="first"/>: resolution, the three counts, adopted, when, by whom.</summary>
    private static SessionDecision? DecisionOf(NpgsqlDataReader reader, int first) =>
        reader.IsDBNull(first) ? null
            : new SessionDecision(reader.GetString(first), new Vote(reader.GetInt32(first + 1), reader.GetInt32(first + 2), reader.GetInt32(first + 3), ChairVotedFor: false),
                reader.GetBoolean(first + 4), reader.GetFieldValue<DateTimeOffset>(first + 5), reader.GetString(first + 6));

    private static async Task<IReadOnlyList<AgendaItem>> AgendaAsync(NpgsqlConnection connection, Guid sessionId, CancellationToken cancellationToken,
        NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT a.case_id, c.commission, c.year, c.number, c.iin, latest.last_name, latest.first_name, a.position,
                   a.resolution, a.votes_for, a.votes_against, a.votes_abstained, a.adopted, a.decided_at, a.decided_by
            FROM gateway.session_agenda a JOIN gateway.cases c ON c.case_id = a.case_id
            {LatestReportedName.JoinOn("c.iin")}
            WHERE a.session_id = $1 ORDER BY a.position
            """, connection, transaction);
        command.Parameters.Add(new() { Value = sessionId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var agenda = new List<AgendaItem>();
        while (await reader.ReadAsync(cancellationToken))
            agenda.Add(new AgendaItem(reader.GetGuid(0), new CaseNumber(Kato.Parse(reader.GetString(1)), reader.GetInt32(2), reader.GetInt32(3)),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetInt32(7),
                DecisionOf(reader, 8)));
        return agenda;
    }

    private static async Task<AgendaItem> AgendaItemAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid sessionId, Guid caseId,
        CancellationToken cancellationToken) =>
        (await AgendaAsync(connection, sessionId, cancellationToken, transaction)).FirstOrDefault(item => item.CaseId == caseId)
        ?? throw new CaseRefusedException(CaseProblem.NotOnAgenda, "The case is not on this session's agenda.");

    private static async Task<IReadOnlySet<Guid>> PresentAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid sessionId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT member_id FROM gateway.session_attendance WHERE session_id = $1", connection, transaction);
        command.Parameters.Add(new() { Value = sessionId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var present = new HashSet<Guid>();
        while (await reader.ReadAsync(cancellationToken)) present.Add(reader.GetGuid(0));
        return present;
    }

    private static async Task<bool> MeasureExistsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid measureId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT 1 FROM gateway.decision_measures WHERE measure_id = $1", connection, transaction);
        command.Parameters.Add(new() { Value = measureId });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static async Task<IReadOnlyList<DecisionMeasure>> MeasuresAsync(NpgsqlConnection connection, string condition, Guid id,
        CancellationToken cancellationToken, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT m.measure_id, m.session_id, s.commission, s.year, s.number, m.case_id, m.agency, m.member_id, cm.full_name, m.task, m.due_on,
                   m.decided_at, m.done_at, m.done_by, m.done_note, r.state
            FROM gateway.decision_measures m
            JOIN gateway.commission_sessions s ON s.session_id = m.session_id
            LEFT JOIN gateway.commission_members cm ON cm.member_id = m.member_id
            LEFT JOIN gateway.case_referrals r ON r.referral_id = m.measure_id
            WHERE {condition} ORDER BY m.decided_at, m.measure_id
            """, connection, transaction);
        command.Parameters.Add(new() { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var measures = new List<DecisionMeasure>();
        while (await reader.ReadAsync(cancellationToken))
            measures.Add(new DecisionMeasure(reader.GetGuid(0), reader.GetGuid(1), new CaseNumber(Kato.Parse(reader.GetString(2)), reader.GetInt32(3), reader.GetInt32(4)),
                reader.GetGuid(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetGuid(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetString(9), reader.GetFieldValue<DateOnly>(10), reader.GetFieldValue<DateTimeOffset>(11),
                reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12), reader.IsDBNull(13) ? null : reader.GetString(13),
                reader.IsDBNull(14) ? null : reader.GetString(14), reader.IsDBNull(15) ? null : CaseReferrals.StateOf(reader.GetString(15))));
        return measures;
    }

    private static IReadOnlyDictionary<string, string?> SessionDetails(CommissionSession session) => new Dictionary<string, string?>
    {
        ["session"] = session.Number.ToString(), ["meets"] = session.MeetsAt.ToString("O"),
    };
}
