using Npgsql;
using NpgsqlTypes;
using Platform.Audit;
using Platform.Contracts.Territory;
using Platform.Gateway.Cases.Alerts;
using Platform.Gateway.Cases.Referrals;
using Platform.Gateway.Profiles;
using Platform.GrpcApi;

namespace Platform.Gateway.Cases;

/// <summary>How a caller names one case: by its id, or by its commission's number.</summary>
public abstract record CaseKey
{
    public sealed record ById(Guid Id) : CaseKey;
    public sealed record ByNumber(CaseNumber Number) : CaseKey;
}

/// <summary>A page of cases, newest first; <see cref="NextAfter"/> is where the next page starts (null: none).</summary>
public sealed record CaseListPage(IReadOnlyList<CaseFile> Cases, Guid? NextAfter);

/// <summary>An alert with the case it is on, as a watcher of many cases needs it.</summary>
public sealed record AlertOnCase(CaseAlert Alert, Guid CaseId, CaseNumber Number, string Iin);

/// <summary>
/// The reads of the cases the APIs go through: <see cref="CaseAccess"/> decides what each reader sees; every read,
/// and every refused attempt, is written to the audit trail, as the profile's reads are.
/// </summary>
public sealed class CaseQueries(NpgsqlDataSource dataSource, CaseStore store, CaseReferrals referrals, AuditTrail audit)
{
    public const int MaximumPageSize = 200, DefaultPageSize = 50;
    public const int MaximumAlertsPerRead = 500;

    /// <summary>
    /// The reader's cases in <paramref name="status"/> (null: any), newest first, after the case <paramref name="after"/>.
    /// Case ids are UUIDv7 made when the case is opened, so their order is the order of opening and a page boundary
    /// never moves when cases are added.
    /// </summary>
    public async Task<CaseListPage> ListAsync(CaseReader reader, CaseStatus? status, int pageSize, Guid? after, ReadContext read,
        CancellationToken cancellationToken)
    {
        await DemandAsync(reader, CaseAccess.WhyNotList(reader), AuditAction.Search, read, cancellationToken);
        var scope = CaseAccess.ScopeOf(reader);
        // The SQL form of CaseAccess.Sees.
        await using var command = dataSource.CreateCommand($"""
            SELECT {CaseStore.CaseColumns} FROM gateway.cases c
            WHERE c.commission LIKE $1 || '%'
              AND ($2 = '' OR EXISTS (SELECT 1 FROM gateway.case_referrals r
                                      WHERE r.case_id = c.case_id AND r.agency = $2 AND r.kato LIKE $3 || '%'))
              AND ($4 = '' OR c.status = $4)
              AND ($5::uuid IS NULL OR c.case_id < $5)
            ORDER BY c.case_id DESC
            LIMIT $6
            """);
        command.Parameters.Add(new() { Value = scope.CommissionPrefix });
        command.Parameters.Add(new() { Value = scope.ReferredTo ?? "" });
        command.Parameters.Add(new() { Value = scope.ReferralPlacePrefix });
        command.Parameters.Add(new() { Value = status?.Code() ?? "" });
        command.Parameters.Add(new() { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = pageSize + 1 });
        var cases = new List<CaseFile>();
        await using (var rows = await command.ExecuteReaderAsync(cancellationToken))
            while (await rows.ReadAsync(cancellationToken)) cases.Add(CaseStore.CaseOf(rows));
        var page = cases.Count > pageSize ? new CaseListPage(cases[..pageSize], cases[pageSize - 1].Id) : new CaseListPage(cases, null);
        await audit.AppendAsync(page.Cases.Select(c => Allowed(reader, AuditAction.Search, c.Iin, ["case"], read)).ToList(), cancellationToken);
        return page;
    }

    /// <summary>The case as the reader may see it, or null when it does not exist or is not the reader's to see.</summary>
    public async Task<CaseView?> GetAsync(CaseReader reader, CaseKey key, ReadContext read, CancellationToken cancellationToken)
    {
        if (await FindVisibleAsync(reader, key, read, cancellationToken) is not ({ } file, _)) return null;
        var view = CaseAccess.Shape(reader, file, reader is CaseReader.Commission ? await store.TimelineAsync(file.Id, cancellationToken) : []);
        await audit.AppendAsync([Allowed(reader, AuditAction.Read, file.Iin, view.Sections, read)], cancellationToken);
        return view;
    }

    /// <summary>The referrals of the case the reader may read, oldest first, or null when the case is not the reader's to see.</summary>
    public async Task<IReadOnlyList<CaseReferral>?> ReferralsAsync(CaseReader reader, Guid caseId, ReadContext read, CancellationToken cancellationToken)
    {
        if (await FindVisibleAsync(reader, new CaseKey.ById(caseId), read, cancellationToken) is not ({ } file, var all)) return null;
        var shown = CaseAccess.ReferralsShown(reader, all);
        await audit.AppendAsync([Allowed(reader, AuditAction.Read, file.Iin, ["case.referrals"], read)], cancellationToken);
        return shown;
    }

    /// <summary>
    /// The alerts of the reader's cases with an id above <paramref name="afterAlertId"/>, oldest first, at most
    /// <paramref name="limit"/>; each one delivered is audited as a read of the child's case.
    /// </summary>
    public async Task<IReadOnlyList<AlertOnCase>> AlertsAfterAsync(CaseReader reader, long afterAlertId, int limit, ReadContext read,
        CancellationToken cancellationToken)
    {
        await DemandAsync(reader, CaseAccess.WhyNotWatchAlerts(reader), AuditAction.Read, read, cancellationToken);
        await using var command = dataSource.CreateCommand($"""
            SELECT {string.Join(", ", CaseAlerts.AlertColumns.Split(", ").Select(column => "a." + column))},
                   c.case_id, c.commission, c.year, c.number, c.iin
            FROM gateway.case_alerts a JOIN gateway.cases c ON c.case_id = a.case_id
            WHERE a.alert_id > $1 AND c.commission LIKE $2 || '%'
            ORDER BY a.alert_id
            LIMIT $3
            """);
        command.Parameters.Add(new() { Value = afterAlertId });
        command.Parameters.Add(new() { Value = CaseAccess.ScopeOf(reader).CommissionPrefix });
        command.Parameters.Add(new() { Value = Math.Clamp(limit, 1, MaximumAlertsPerRead) });
        var alerts = new List<AlertOnCase>();
        await using (var rows = await command.ExecuteReaderAsync(cancellationToken))
            while (await rows.ReadAsync(cancellationToken))
                alerts.Add(new AlertOnCase(CaseAlerts.AlertOf(rows), rows.GetGuid(11),
                    new CaseNumber(Kato.Parse(rows.GetString(12)), rows.GetInt32(13), rows.GetInt32(14)), rows.GetString(15)));
        await audit.AppendAsync(alerts.Select(a => Allowed(reader, AuditAction.Read, a.Iin, ["case.alerts"], read)).ToList(), cancellationToken);
        return alerts;
    }

    /// <summary>The case and all its referrals when the reader may see it; a case it may not see is audited as a refused read.</summary>
    private async Task<(CaseFile File, IReadOnlyList<CaseReferral> Referrals)?> FindVisibleAsync(CaseReader reader, CaseKey key, ReadContext read,
        CancellationToken cancellationToken)
    {
        await DemandAsync(reader, CaseAccess.WhyNotList(reader), AuditAction.Read, read, cancellationToken);
        if (await ReadAsync(key, cancellationToken) is not { } file) return null;
        var all = await referrals.OfCaseAsync(file.Id, cancellationToken);
        if (CaseAccess.Sees(reader, file, all)) return (file, all);
        await audit.AppendAsync([Denied(reader, AuditAction.Read, file.Iin, read)], cancellationToken);
        return null;
    }

    private async Task<CaseFile?> ReadAsync(CaseKey key, CancellationToken cancellationToken)
    {
        await using var command = key switch
        {
            CaseKey.ById byId => Command($"SELECT {CaseStore.CaseColumns} FROM gateway.cases WHERE case_id = $1", byId.Id),
            CaseKey.ByNumber { Number: var number } => Command(
                $"SELECT {CaseStore.CaseColumns} FROM gateway.cases WHERE commission = $1 AND year = $2 AND number = $3",
                number.Commission.Value, number.Year, number.Number),
            _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
        };
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        return await rows.ReadAsync(cancellationToken) ? CaseStore.CaseOf(rows) : null;
    }

    private NpgsqlCommand Command(string sql, params object[] values)
    {
        var command = dataSource.CreateCommand(sql);
        foreach (var value in values) command.Parameters.Add(new() { Value = value });
        return command;
    }

    /// <summary>Throws <see cref="AccessDeniedException"/> with <paramref name="refusal"/>, audited, when there is one.</summary>
    private async Task DemandAsync(CaseReader reader, string? refusal, AuditAction action, ReadContext read, CancellationToken cancellationToken)
    {
        if (refusal is null) return;
        await audit.AppendAsync([Denied(reader, action, iin: null, read)], cancellationToken);
        throw new AccessDeniedException(refusal);
    }

    private static AuditEntry Allowed(CaseReader reader, AuditAction action, string iin, IReadOnlyList<string> sections, ReadContext read) =>
        new(reader.Actor, action, iin, sections, read.Purpose, AuditOutcome.Allowed, read.ClientAddress);

    private static AuditEntry Denied(CaseReader reader, AuditAction action, string? iin, ReadContext read) =>
        new(reader.Actor, action, iin, [], read.Purpose, AuditOutcome.Denied, read.ClientAddress);
}
