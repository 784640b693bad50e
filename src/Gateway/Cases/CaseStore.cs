using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Audit;
using Platform.Contracts.Identity;
using Platform.Contracts.Territory;
using Platform.Gateway.Cases.FollowUp;
using Platform.Gateway.Cases.Sessions;
using Platform.GrpcApi;

namespace Platform.Gateway.Cases;

/// <summary>Who acts on a case: the staff member as the audit trail names them, and the commission they work for.</summary>
public sealed record CaseActor(AuditActor Audit, Kato Commission, string? ClientAddress)
{
    public string Name => Audit.Id;
}

/// <summary>
/// Where a commission's cases are stored (<c>gateway.cases</c>, <c>gateway.case_timeline</c>): each change is one
/// transaction with its timeline line and its audit entry, so none of them exists without the others.
/// </summary>
public sealed class CaseStore(NpgsqlDataSource dataSource, AuditTrail audit, TimeProvider time)
{
    public const int MaximumReasonLength = CaseTransitions.MaximumReasonLength;

    /// <summary>
    /// Opens a case about a child of the commission's territory, on the child's open signals named in
    /// <paramref name="signalCodes"/> (their evidence becomes the grounds) and/or a reason written by hand.
    /// </summary>
    public async Task<CaseFile> OpenAsync(Iin iin, IReadOnlyCollection<string> signalCodes, string? reason, string? responsible, CaseActor actor,
        CancellationToken cancellationToken)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (signalCodes.Count == 0 && reason is null)
            throw new CaseRefusedException(CaseProblem.NeedsGrounds, "A case is opened on a signal or with a reason.");
        if (reason is { Length: > MaximumReasonLength })
            throw new CaseRefusedException(CaseProblem.ReasonTooLong, $"The reason is longer than {MaximumReasonLength} characters.");

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await DemandTerritoryAsync(connection, transaction, iin, actor, cancellationToken);
        var signals = await OpenSignalsAsync(connection, transaction, iin, signalCodes, cancellationToken);
        var missing = signalCodes.Except(signals.Select(s => s.Code)).ToList();
        if (missing.Count > 0)
            throw new CaseRefusedException(CaseProblem.NoSuchSignal, $"The child has no open signal {string.Join(", ", missing)}.");
        if (await OpenCaseNumberAsync(connection, transaction, actor.Commission, iin, cancellationToken) is { } existing)
            throw new CaseRefusedException(CaseProblem.AlreadyOpen, $"The child already has open case {existing} in this commission.");

        var now = time.GetUtcNow();
        var opened = await InsertOpenAsync(connection, transaction, actor.Commission, iin.Value, responsible, new CaseGrounds(signals, reason), null,
            now, actor, cancellationToken);
        var number = opened.Number;
        await AppendTimelineAsync(connection, transaction, opened.Id, now, actor.Name, "opened",
            new Dictionary<string, string?> { ["number"] = number.ToString(), ["signals"] = string.Join(", ", signals.Select(s => s.Code)), ["reason"] = reason },
            cancellationToken);
        await AuditWriteAsync(audit, connection, transaction, actor, iin.Value, "case.opened", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return opened;
    }

    /// <summary>
    /// Moves a case to <paramref name="requested"/> if <see cref="CaseTransitions"/> allows it and the case is still at
    /// <paramref name="expectedVersion"/> (the version the form was made from): a form posted on an older state is refused.
    /// </summary>
    public async Task<CaseFile> ChangeStatusAsync(Guid caseId, int expectedVersion, CaseStatus requested, string? reason, CaseActor actor,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await LockAsync(connection, transaction, caseId, actor, cancellationToken);
        var decision = CaseTransitions.Move(current.Status, requested, reason);
        if (decision is CaseTransitions.AlreadyDone) return current;
        if (decision is CaseTransitions.Refused refused) throw new CaseRefusedException(refused.Problem, refused.Reason);
        if (current.Version != expectedVersion)
            throw new CaseRefusedException(CaseProblem.StaleForm,
                $"Case {current.Number} changed since the form was opened: it is now {current.Status.Code()}.");

        var now = time.GetUtcNow();
        var changed = current with { Status = requested, Version = current.Version + 1, UpdatedAt = now };
        await using (var update = new NpgsqlCommand(
            "UPDATE gateway.cases SET status = $2, version = $3, updated_at = $4 WHERE case_id = $1", connection, transaction))
        {
            update.Parameters.Add(new() { Value = caseId });
            update.Parameters.Add(new() { Value = requested.Code() });
            update.Parameters.Add(new() { Value = changed.Version });
            update.Parameters.Add(new() { Value = now });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        await AppendTimelineAsync(connection, transaction, caseId, now, actor.Name, "status",
            new Dictionary<string, string?> { ["from"] = current.Status.Code(), ["to"] = requested.Code(), ["reason"] = reason?.Trim() },
            cancellationToken);
        await AuditWriteAsync(audit, connection, transaction, actor, current.Iin, "case.status", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    /// <summary>
    /// Transfers the case to the commission of <paramref name="to"/> (the family moved there): it closes here and opens
    /// there with the same grounds and a new number of that commission, both cases pointing at each other, in one
    /// transaction. From then on that commission works on the child as on its own, and the alerts go to its case.
    /// </summary>
    public async Task<CaseFile> TransferAsync(Guid caseId, int expectedVersion, Kato to, string? reason, CaseActor actor,
        CancellationToken cancellationToken)
    {
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason)) throw new CaseRefusedException(CaseProblem.ReasonRequired, "A case is transferred with a reason.");
        if (reason.Length > MaximumReasonLength) throw new CaseRefusedException(CaseProblem.ReasonTooLong, $"The reason is longer than {MaximumReasonLength} characters.");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await LockAsync(connection, transaction, caseId, actor, cancellationToken);
        if (current.Status == CaseStatus.Closed) throw new CaseRefusedException(CaseProblem.CaseClosed, $"Case {current.Number} is closed.");
        if (current.Version != expectedVersion)
            throw new CaseRefusedException(CaseProblem.StaleForm, $"Case {current.Number} changed since the form was opened.");
        if (to == current.Number.Commission) throw new CaseRefusedException(CaseProblem.TransferToSelf, "The case is this commission's already.");
        if (await OpenCaseNumberAsync(connection, transaction, to, Iin.Parse(current.Iin), cancellationToken) is { } existing)
            throw new CaseRefusedException(CaseProblem.AlreadyOpen, $"The commission of {to} has open case {existing} about the child.");

        var now = time.GetUtcNow();
        var received = await InsertOpenAsync(connection, transaction, to, current.Iin, responsible: null, current.Grounds with { Reason = reason },
            transferredFrom: current.Id, now, actor, cancellationToken);
        await using (var update = new NpgsqlCommand(
            "UPDATE gateway.cases SET status = 'closed', transferred_to = $2, version = version + 1, updated_at = $3 WHERE case_id = $1", connection, transaction))
        {
            update.Parameters.Add(new() { Value = caseId });
            update.Parameters.Add(new() { Value = received.Id });
            update.Parameters.Add(new() { Value = now });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        await AppendTimelineAsync(connection, transaction, caseId, now, actor.Name, "transferred",
            new Dictionary<string, string?> { ["commission"] = to.Value, ["number"] = received.Number.ToString(), ["reason"] = reason }, cancellationToken);
        await AppendTimelineAsync(connection, transaction, received.Id, now, actor.Name, "received",
            new Dictionary<string, string?> { ["commission"] = current.Number.Commission.Value, ["number"] = current.Number.ToString(), ["reason"] = reason },
            cancellationToken);
        await AuditWriteAsync(audit, connection, transaction, actor, current.Iin, "case.transfer", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return received;
    }

    /// <summary>Makes a member of the commission's composition responsible for the case (they answer first when a referral is overdue).</summary>
    public async Task<CaseFile> AssignResponsibleAsync(Guid caseId, int expectedVersion, Guid memberId, CaseActor actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await LockAsync(connection, transaction, caseId, actor, cancellationToken);
        var member = (await CommissionComposition.OfAsync(connection, transaction, current.Number.Commission, includeFormer: false, cancellationToken))
            .FirstOrDefault(m => m.Id == memberId)
            ?? throw new CaseRefusedException(CaseProblem.MemberUnknown, "The responsible person must be a member of the commission.");
        if (current.Responsible == member.FullName) return current;
        if (current.Version != expectedVersion)
            throw new CaseRefusedException(CaseProblem.StaleForm, $"Case {current.Number} changed since the form was opened.");

        var now = time.GetUtcNow();
        var changed = current with { Responsible = member.FullName, Version = current.Version + 1, UpdatedAt = now };
        await using (var update = new NpgsqlCommand(
            "UPDATE gateway.cases SET responsible = $2, version = $3, updated_at = $4 WHERE case_id = $1", connection, transaction))
        {
            update.Parameters.Add(new() { Value = caseId });
            update.Parameters.Add(new() { Value = member.FullName });
            update.Parameters.Add(new() { Value = changed.Version });
            update.Parameters.Add(new() { Value = now });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        await AppendTimelineAsync(connection, transaction, caseId, now, actor.Name, "responsible",
            new Dictionary<string, string?> { ["from"] = current.Responsible, ["to"] = member.FullName }, cancellationToken);
        await AuditWriteAsync(audit, connection, transaction, actor, current.Iin, "case.responsible", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    /// <summary>Adds a note to the case's timeline.</summary>
    public async Task AddNoteAsync(Guid caseId, string text, CaseActor actor, CancellationToken cancellationToken)
    {
        text = text.Trim();
        if (text.Length == 0) throw new CaseRefusedException(CaseProblem.NoteEmpty, "A note needs a text.");
        if (text.Length > MaximumReasonLength) throw new CaseRefusedException(CaseProblem.ReasonTooLong, $"A note is at most {MaximumReasonLength} characters.");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await LockAsync(connection, transaction, caseId, actor, cancellationToken);
        await AppendTimelineAsync(connection, transaction, caseId, time.GetUtcNow(), actor.Name, "note",
            new Dictionary<string, string?> { ["text"] = text }, cancellationToken);
        await AuditWriteAsync(audit, connection, transaction, actor, current.Iin, "case.notes", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The case, if it belongs to the actor's commission (its territory or a territory within it).</summary>
    public async Task<CaseFile?> GetAsync(Guid caseId, CaseActor actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var found = await ReadAsync(connection, null, caseId, forUpdate: false, cancellationToken);
        return found is not null && actor.Commission.Contains(found.Number.Commission) ? found : null;
    }

    /// <summary>The child's cases held by the actor's commission (or commissions within its territory), newest first.</summary>
    public async Task<IReadOnlyList<CaseFile>> OfChildAsync(string iin, CaseActor actor, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {CaseColumns} FROM gateway.cases WHERE iin = $1 AND commission LIKE $2 || '%' ORDER BY opened_at DESC");
        command.Parameters.Add(new() { Value = iin });
        command.Parameters.Add(new() { Value = actor.Commission.UnitPrefix });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var cases = new List<CaseFile>();
        while (await reader.ReadAsync(cancellationToken)) cases.Add(CaseOf(reader));
        return cases;
    }

    public async Task<IReadOnlyList<CaseTimelineEntry>> TimelineAsync(Guid caseId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT position, at, actor, kind, details FROM gateway.case_timeline WHERE case_id = $1 ORDER BY position");
        command.Parameters.Add(new() { Value = caseId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<CaseTimelineEntry>();
        while (await reader.ReadAsync(cancellationToken))
            entries.Add(new CaseTimelineEntry(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3),
                JsonSerializer.Deserialize<Dictionary<string, string?>>(reader.GetString(4), Json)!));
        return entries;
    }

    /// <summary>The case, locked for the transaction's change, if it is the actor's commission's.</summary>
    internal static async Task<CaseFile> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid caseId, CaseActor actor,
        CancellationToken cancellationToken)
    {
        var current = await ReadAsync(connection, transaction, caseId, forUpdate: true, cancellationToken);
        // A case of another commission is answered as missing: its existence is not the caller's to know.
        return current is not null && actor.Commission.Contains(current.Number.Commission) ? current : throw new CaseNotFoundException(caseId);
    }

    private static async Task<CaseFile?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid caseId, bool forUpdate,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {CaseColumns} FROM gateway.cases WHERE case_id = $1 {(forUpdate ? "FOR UPDATE" : "")}", connection, transaction);
        command.Parameters.Add(new() { Value = caseId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? CaseOf(reader) : null;
    }

    internal const string CaseColumns =
        "case_id, commission, year, number, iin, status, responsible, grounds, opened_at, opened_by, version, updated_at, transferred_from, transferred_to";

    internal static CaseFile CaseOf(NpgsqlDataReader reader) =>
        new(reader.GetGuid(0), new CaseNumber(Kato.Parse(reader.GetString(1)), reader.GetInt32(2), reader.GetInt32(3)),
            reader.GetString(4), ParseStatus(reader.GetString(5)), reader.IsDBNull(6) ? null : reader.GetString(6),
            JsonSerializer.Deserialize<CaseGrounds>(reader.GetString(7), Json)!, reader.GetFieldValue<DateTimeOffset>(8), reader.GetString(9),
            reader.GetInt32(10), reader.GetFieldValue<DateTimeOffset>(11))
        {
            TransferredFrom = reader.IsDBNull(12) ? null : reader.GetGuid(12),
            TransferredTo = reader.IsDBNull(13) ? null : reader.GetGuid(13),
        };

    /// <summary>A commission opens cases about children whose records or reported identity lie in its territory.</summary>
    private static async Task DemandTerritoryAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Iin iin, CaseActor actor,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT region FROM gateway.reported_identity WHERE iin = $1
            UNION SELECT region FROM gateway.child_records WHERE iin = $1
            """, connection, transaction);
        command.Parameters.Add(new() { Value = iin.Value });
        var places = new List<Kato>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
                if (Kato.TryParse(reader.GetString(0).Trim(), out var place, out _)) places.Add(place);
        if (places.Count == 0) throw new CaseRefusedException(CaseProblem.NoRecordsOfChild, "The platform holds no records of this child.");
        if (!places.Any(actor.Commission.Contains) && !await HeldCaseAsync(connection, transaction, iin, actor.Commission, cancellationToken))
            throw new AccessDeniedException($"The child's records lie outside territory {actor.Commission}.");
    }

    /// <summary>Whether a commission of the territory holds, or held, a case about the child (one transferred to it, say).</summary>
    private static async Task<bool> HeldCaseAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Iin iin, Kato territory,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM gateway.cases WHERE iin = $1 AND commission LIKE $2 || '%')", connection, transaction);
        command.Parameters.Add(new() { Value = iin.Value });
        command.Parameters.Add(new() { Value = territory.UnitPrefix });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<IReadOnlyList<SignalGround>> OpenSignalsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Iin iin,
        IReadOnlyCollection<string> codes, CancellationToken cancellationToken)
    {
        if (codes.Count == 0) return [];
        await using var command = new NpgsqlCommand("""
            SELECT code, evidence, raised_at FROM gateway.signals
            WHERE iin = $1 AND code = ANY($2) AND cleared_at IS NULL ORDER BY code
            """, connection, transaction);
        command.Parameters.Add(new() { Value = iin.Value });
        command.Parameters.Add(new() { Value = codes.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var signals = new List<SignalGround>();
        while (await reader.ReadAsync(cancellationToken))
            signals.Add(new SignalGround(reader.GetString(0), reader.GetFieldValue<string[]>(1), reader.GetFieldValue<DateTimeOffset>(2)));
        return signals;
    }

    private static async Task<CaseNumber?> OpenCaseNumberAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Kato commission, Iin iin,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT year, number FROM gateway.cases WHERE commission = $1 AND iin = $2 AND status <> 'closed'", connection, transaction);
        command.Parameters.Add(new() { Value = commission.Value });
        command.Parameters.Add(new() { Value = iin.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new CaseNumber(commission, reader.GetInt32(0), reader.GetInt32(1)) : null;
    }

    private static async Task<CaseFile> InsertOpenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Kato commission, string iin,
        string? responsible, CaseGrounds grounds, Guid? transferredFrom, DateTimeOffset now, CaseActor actor, CancellationToken cancellationToken)
    {
        var number = await NextNumberAsync(connection, transaction, commission, YearOf(now), cancellationToken);
        var opened = new CaseFile(Guid.CreateVersion7(now), number, iin, CaseStatus.Open, responsible, grounds, now, actor.Name, 1, now)
        {
            TransferredFrom = transferredFrom,
        };
        await using var insert = new NpgsqlCommand("""
            INSERT INTO gateway.cases (case_id, commission, year, number, iin, status, responsible, grounds, opened_at, opened_by, version, updated_at,
                                       transferred_from)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $9, $11)
            """, connection, transaction);
        insert.Parameters.Add(new() { Value = opened.Id });
        insert.Parameters.Add(new() { Value = number.Commission.Value });
        insert.Parameters.Add(new() { Value = number.Year });
        insert.Parameters.Add(new() { Value = number.Number });
        insert.Parameters.Add(new() { Value = iin });
        insert.Parameters.Add(new() { Value = CaseStatus.Open.Code() });
        insert.Parameters.Add(new() { Value = (object?)responsible ?? DBNull.Value });
        insert.Parameters.Add(new() { Value = JsonSerializer.Serialize(grounds, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
        insert.Parameters.Add(new() { Value = now });
        insert.Parameters.Add(new() { Value = actor.Name });
        insert.Parameters.Add(new() { Value = (object?)transferredFrom ?? DBNull.Value });
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return opened;
    }

    /// <summary>Counters of the numbers a commission gives per year: its cases' and its sessions'.</summary>
    internal enum NumberSeries { Cases, Sessions }

    /// <summary>The commission's next number this year, taken under the counter's row lock: no gaps, no repeats.</summary>
    internal static async Task<CaseNumber> NextNumberAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Kato commission, int year,
        CancellationToken cancellationToken, NumberSeries series = NumberSeries.Cases)
    {
        var counter = series == NumberSeries.Cases ? "gateway.case_numbers" : "gateway.session_numbers";
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {counter} AS counter (commission, year, last_number) VALUES ($1, $2, 1)
            ON CONFLICT (commission, year) DO UPDATE SET last_number = counter.last_number + 1
            RETURNING last_number
            """, connection, transaction);
        command.Parameters.Add(new() { Value = commission.Value });
        command.Parameters.Add(new() { Value = year });
        return new CaseNumber(commission, year, (int)(await command.ExecuteScalarAsync(cancellationToken))!);
    }

    internal static async Task AppendTimelineAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid caseId, DateTimeOffset at,
        string actor, string kind, IReadOnlyDictionary<string, string?> details, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO gateway.case_timeline (case_id, at, actor, kind, details) VALUES ($1, $2, $3, $4, $5)", connection, transaction);
        command.Parameters.Add(new() { Value = caseId });
        command.Parameters.Add(new() { Value = at });
        command.Parameters.Add(new() { Value = actor });
        command.Parameters.Add(new() { Value = kind });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(details, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A change of a case, audited in the change's own transaction.</summary>
    internal static Task AuditWriteAsync(AuditTrail audit, NpgsqlConnection connection, NpgsqlTransaction transaction, CaseActor actor, string? iin,
        string section, CancellationToken cancellationToken) =>
        audit.AppendAsync(connection, transaction,
            [new AuditEntry(actor.Audit, AuditAction.Write, iin, [section], "commission case work", AuditOutcome.Allowed, actor.ClientAddress)],
            cancellationToken);

    /// <summary>Cases are numbered by the year in Astana, where the commissions work.</summary>
    internal static int YearOf(DateTimeOffset now) => now.ToOffset(WorkingCalendar.Kazakhstan.UtcOffset).Year;

    public static CaseStatus ParseStatus(string code) =>
        CaseStatusCodes.FromCode(code) ?? throw new InvalidDataException($"Unknown case status '{code}' in the database.");

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
