using Npgsql;
using Platform.Audit;
using Platform.Contracts.Territory;

namespace Platform.Gateway.Cases.Sessions;

/// <summary>
/// Who the commission is (<c>gateway.commission_members</c>): the chair, the deputy, the secretary and the members the
/// akimat appointed. The secretary keeps it; the quorum is counted on it; members are executors of measures.
/// </summary>
public sealed class CommissionComposition(NpgsqlDataSource dataSource, AuditTrail audit, TimeProvider time)
{
    private const string Columns = "member_id, full_name, position, role, user_name, active";

    /// <summary>The commission's members, the chair first; those no longer members only when asked for.</summary>
    public async Task<IReadOnlyList<CommissionMember>> OfAsync(Kato commission, bool includeFormer, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await OfAsync(connection, null, commission, includeFormer, cancellationToken);
    }

    internal static async Task<IReadOnlyList<CommissionMember>> OfAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Kato commission,
        bool includeFormer, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT {Columns} FROM gateway.commission_members
            WHERE commission = $1 AND (active OR $2)
            ORDER BY active DESC, array_position(ARRAY['chair', 'deputy_chair', 'secretary', 'member'], role), full_name
            """, connection, transaction);
        command.Parameters.Add(new() { Value = commission.Value });
        command.Parameters.Add(new() { Value = includeFormer });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var members = new List<CommissionMember>();
        while (await reader.ReadAsync(cancellationToken))
            members.Add(new CommissionMember(reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
                SessionRules.MemberRoleFromCode(reader.GetString(3)) ?? throw new InvalidDataException($"Unknown member role '{reader.GetString(3)}'."),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetBoolean(5)));
        return members;
    }

    public async Task<CommissionMember> AddAsync(NewMember member, CaseActor actor, CancellationToken cancellationToken)
    {
        if (SessionRules.CheckMember(member) is { } problem)
            throw new CaseRefusedException(problem, $"The member cannot be added: {problem}.");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var members = await OfAsync(connection, transaction, actor.Commission, includeFormer: true, cancellationToken);
        // The same form posted again: the member is there once.
        if (members.FirstOrDefault(m => m.Id == member.Id) is { } already) return already;
        if (member.Role == MemberRole.Chair && members.Any(m => m.Active && m.Role == MemberRole.Chair))
            throw new CaseRefusedException(CaseProblem.ChairExists, "The commission has a chair; remove them from the composition first.");

        var added = new CommissionMember(member.Id, member.FullName.Trim(), member.Position.Trim(), member.Role,
            string.IsNullOrWhiteSpace(member.UserName) ? null : member.UserName.Trim(), Active: true);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO gateway.commission_members (member_id, commission, full_name, position, role, user_name, active, added_at, added_by)
            VALUES ($1, $2, $3, $4, $5, $6, true, $7, $8)
            """, connection, transaction))
        {
            foreach (var value in new object?[] { added.Id, actor.Commission.Value, added.FullName, added.Position, added.Role.Code(), added.UserName,
                         time.GetUtcNow(), actor.Name })
                insert.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await CaseStore.AuditWriteAsync(audit, connection, transaction, actor, null, "commission.composition", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    /// <summary>Takes a member out of the composition; the sessions they attended and the measures they were given keep their name.</summary>
    public async Task RemoveAsync(Guid memberId, CaseActor actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = new NpgsqlCommand(
            "UPDATE gateway.commission_members SET active = false WHERE member_id = $1 AND commission = $2", connection, transaction))
        {
            update.Parameters.Add(new() { Value = memberId });
            update.Parameters.Add(new() { Value = actor.Commission.Value });
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
                throw new CaseRefusedException(CaseProblem.MemberUnknown, "No such member of this commission.");
        }
        await CaseStore.AuditWriteAsync(audit, connection, transaction, actor, null, "commission.composition", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
