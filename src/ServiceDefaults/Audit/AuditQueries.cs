using Npgsql;

namespace Platform.ServiceDefaults.Audit;

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
