using System.Data;
using Npgsql;

namespace Platform.Audit;

public enum AuditChainProblemKind
{
    /// <summary>A row's hash does not match its contents.</summary>
    Altered,
    /// <summary>A sequence number is absent: the row was deleted.</summary>
    Missing,
    /// <summary>A row's previous hash does not match the row before it (or it lies beyond the chain head).</summary>
    InsertedOrReordered,
    /// <summary>The chain head, which holds the newest sequence number and hash, is gone.</summary>
    ChainHeadMissing,
}

/// <param name="Sequence">The first row found wrong (for <see cref="AuditChainProblemKind.Missing"/>, the first absent one).</param>
public sealed record AuditChainProblem(AuditChainProblemKind Kind, long Sequence, string Description);

/// <param name="RowsVerified">Rows found sound before the first problem (all rows when the chain is intact).</param>
public sealed record AuditChainVerification(long RowsVerified, AuditChainProblem? Problem)
{
    public bool IsIntact => Problem is null;

    public override string ToString() => Problem is null
        ? $"The audit chain is intact: {RowsVerified} rows verified."
        : $"The audit chain is broken: {Problem.Description}; rows verified before it: {RowsVerified}.";
}

/// <summary>
/// Walks the audit log in sequence order, recomputing every hash, and reports the first problem. Rows are streamed
/// from one snapshot (a repeatable-read transaction, so appends running meanwhile neither hide nor fake a problem),
/// never all held in memory.
/// </summary>
public sealed class AuditChainVerifier(NpgsqlDataSource dataSource)
{
    public async Task<AuditChainVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

        var head = await ReadChainHeadAsync(connection, transaction, cancellationToken);
        if (head is null)
            return new(0, new(AuditChainProblemKind.ChainHeadMissing, 0, "the chain head (platform.audit_chain_head) is missing"));

        await using var command = new NpgsqlCommand(
            $"SELECT {AuditLogTable.Columns} FROM platform.audit_log ORDER BY seq", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long verified = 0;
        byte[] previousHash = AuditRowHash.Genesis.ToArray();
        while (await reader.ReadAsync(cancellationToken))
        {
            var sequence = reader.GetInt64(0);
            var problem = Check(reader, sequence, verified, previousHash, head.Value.LastSequence);
            if (problem is not null) return new(verified, problem);
            previousHash = reader.GetFieldValue<byte[]>(17);
            verified++;
        }

        if (verified < head.Value.LastSequence)
            return new(verified, new(AuditChainProblemKind.Missing, verified + 1,
                $"row {verified + 1} is missing (the chain head records {head.Value.LastSequence} rows, the log ends at row {verified})"));
        if (!previousHash.AsSpan().SequenceEqual(head.Value.LastHash))
            return verified == 0
                ? new(0, new(AuditChainProblemKind.Altered, 0, "the chain head was altered (it records no rows but not the chain's start hash)"))
                : new(verified - 1, new(AuditChainProblemKind.Altered, verified,
                    $"row {verified} was replaced, or the chain head altered (the row's hash does not match the chain head's)"));
        return new(verified, null);
    }

    /// <summary>Checks the row the reader is on, given that rows 1..<paramref name="verified"/> are sound.</summary>
    private static AuditChainProblem? Check(NpgsqlDataReader reader, long sequence, long verified, byte[] previousHash, long headSequence)
    {
        var expected = verified + 1;
        if (sequence != expected)
            return new(AuditChainProblemKind.Missing, expected, verified == 0
                ? $"row {expected} is missing (the chain starts at row {sequence})"
                : $"row {expected} is missing (the chain goes from {verified} to {sequence})");
        if (sequence > headSequence)
            return new(AuditChainProblemKind.InsertedOrReordered, sequence,
                $"row {sequence} was inserted (the chain head ends at row {headSequence})");

        AuditLogRow row;
        try
        {
            row = AuditLogTable.Read(reader);
        }
        catch (FormatException unreadable)
        {
            return new(AuditChainProblemKind.Altered, sequence, $"row {sequence} was altered ({unreadable.Message})");
        }
        if (!AuditRowHash.Compute(row).AsSpan().SequenceEqual(row.RowHash))
            return new(AuditChainProblemKind.Altered, sequence, $"row {sequence} was altered (its hash does not match its contents)");
        if (!row.PreviousHash.AsSpan().SequenceEqual(previousHash))
            return new(AuditChainProblemKind.InsertedOrReordered, sequence, verified == 0
                ? $"row {sequence} was inserted or reordered (its previous hash is not the chain's start)"
                // A rewritten row whose hash was recomputed to match shows here too, as the link after it.
                : $"row {sequence} was inserted or reordered (its previous hash does not match row {verified}), or row {verified} was rewritten with a recomputed hash");
        return null;
    }

    private static async Task<(long LastSequence, byte[] LastHash)?> ReadChainHeadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT last_seq, last_hash FROM platform.audit_chain_head", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)) : null;
    }
}
