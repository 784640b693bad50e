using Npgsql;

namespace Platform.Audit;

/// <summary>One actor's accesses to one child's data, summed up (an actor whose role or territory changed appears once per role and territory).</summary>
public sealed record ChildAccessor(
    AuditActor Actor, long Accesses, DateTimeOffset FirstAccess, DateTimeOffset LastAccess, bool EverBrokeTheGlass, bool EverDenied);

/// <summary>
/// What supervisors ask of the audit log. Pages run newest first and are keyed by sequence number: pass the last
/// row's <see cref="AuditLogRow.Sequence"/> as <c>beforeSequence</c> for the next page, which stays stable while
/// new rows are appended. Reading these answers is itself an access to personal data: the caller audits it.
/// </summary>
public sealed class AuditQueries(NpgsqlDataSource dataSource)
{
    /// <summary>Every access to one child's data — allowed or denied, by anyone — newest first.</summary>
    public Task<IReadOnlyList<AuditLogRow>> AccessesToChildAsync(
        string subjectIin, int pageSize, long? beforeSequence, CancellationToken cancellationToken) =>
        PageAsync("subject_iin = $3", subjectIin, pageSize, beforeSequence, cancellationToken);

    /// <summary>
    /// The people and systems that ever accessed one child's data, the most recent first: how often, when first
    /// and last, and whether they ever broke the glass or were denied.
    /// </summary>
    public async Task<IReadOnlyList<ChildAccessor>> AccessorsOfChildAsync(string subjectIin, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT actor_id, actor_kind, actor_role, actor_territory, count(*), min(occurred_at), max(occurred_at),
                   bool_or(break_glass), bool_or(outcome = 'denied')
            FROM platform.audit_log
            WHERE subject_iin = $1
            GROUP BY actor_id, actor_kind, actor_role, actor_territory
            ORDER BY max(seq) DESC
            """);
        command.Parameters.Add(new() { Value = subjectIin });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var accessors = new List<ChildAccessor>();
        while (await reader.ReadAsync(cancellationToken))
            accessors.Add(new ChildAccessor(AuditLogTable.ReadActor(reader, 0), reader.GetInt64(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetBoolean(7), reader.GetBoolean(8)));
        return accessors;
    }

    /// <summary>Entries flagged for review (every break-glass access among them), newest first.</summary>
    public Task<IReadOnlyList<AuditLogRow>> FlaggedForReviewAsync(int pageSize, long? beforeSequence, CancellationToken cancellationToken) =>
        PageAsync("flagged_for_review", null, pageSize, beforeSequence, cancellationToken);

    private async Task<IReadOnlyList<AuditLogRow>> PageAsync(
        string condition, string? argument, int pageSize, long? beforeSequence, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        await using var command = dataSource.CreateCommand($"""
            SELECT {AuditLogTable.Columns} FROM platform.audit_log
            WHERE {condition} AND seq < $2
            ORDER BY seq DESC
            LIMIT $1
            """);
        command.Parameters.Add(new() { Value = pageSize });
        command.Parameters.Add(new() { Value = beforeSequence ?? long.MaxValue });
        if (argument is not null) command.Parameters.Add(new() { Value = argument });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<AuditLogRow>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(AuditLogTable.Read(reader));
        return rows;
    }
}
