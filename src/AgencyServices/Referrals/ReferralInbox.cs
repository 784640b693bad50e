using System.Diagnostics;
using Npgsql;
using Platform.Contracts.IntegrationEvents;
using Platform.Contracts.Territory;
using Platform.GrpcApi.Access;
using Platform.Audit;
using Platform.GrpcApi;
using Platform.Outbox;

namespace Platform.AgencyServices.Referrals;

public sealed record ReferralQuery(IReadOnlyCollection<ReferralStatus> Statuses, Kato? Territory, int PageSize, long AfterPosition);

public sealed record ReferralPage(IReadOnlyList<Referral> Referrals, long? NextAfterPosition);

public sealed class ReferralNotFoundException(Guid referralId) : NotFoundException($"No referral {referralId} is in this agency's inbox.");

public sealed class ReferralTransitionRefusedException(string reason) : ConflictException(reason);

/// <summary>
/// Where an agency keeps the referrals addressed to it. Each answer (acknowledged, completed) is written with its
/// integration event in the outbox in one transaction, so the commission hears of every change exactly once; every
/// read and answer is audited.
/// </summary>
public sealed class ReferralInbox(NpgsqlDataSource dataSource, OwningAgency agency, AuditTrail audit, TimeProvider time)
{
    private const string Columns = """
        referral_id, position, case_id, iin, kato, task, due_at, issued_at, issued_by, received_at, status,
        acknowledged_by, acknowledged_at, outcome, completed_at
        """;

    /// <summary>Stores a referral once; false when it was already received (a redelivery).</summary>
    public async Task<bool> ReceiveAsync(ReferralIssued issued, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO platform.referrals (referral_id, case_id, iin, kato, task, due_at, issued_at, issued_by, received_at, status)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'received')
            ON CONFLICT (referral_id) DO NOTHING
            """);
        foreach (var value in new object[]
        {
            // A commission sends its local due moment (+05:00); PostgreSQL's timestamptz takes instants as UTC.
            issued.ReferralId, issued.CaseId, issued.Iin, issued.Kato, issued.Task, issued.DueAt.ToUniversalTime(), issued.IssuedAt.ToUniversalTime(),
            issued.IssuedBy, time.GetUtcNow(),
        })
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The page of referrals within the query's territory, which must lie within the caller's.</summary>
    public async Task<ReferralPage> ListAsync(ReferralQuery query, AgencyAccess access, CancellationToken cancellationToken)
    {
        if (query.Territory is { } asked) access.DemandTerritory(asked.Value, "the territory asked for");
        else if (access.Caller.Territory.Unit is { } own) query = query with { Territory = own };
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM platform.referrals
            WHERE position > $1 AND (cardinality($2::text[]) = 0 OR status = ANY($2)) AND kato LIKE $3
            ORDER BY position LIMIT $4
            """);
        command.Parameters.Add(new() { Value = query.AfterPosition });
        command.Parameters.Add(new() { Value = query.Statuses.Select(StatusName).ToArray() });
        command.Parameters.Add(new() { Value = (query.Territory?.UnitPrefix ?? "") + "%" });
        // One more than asked tells whether another page follows.
        command.Parameters.Add(new() { Value = query.PageSize + 1 });
        var referrals = new List<Referral>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) referrals.Add(Read(reader));
        var page = referrals.Count > query.PageSize
            ? new ReferralPage(referrals[..query.PageSize], referrals[query.PageSize - 1].Position)
            : new ReferralPage(referrals, null);
        await audit.AppendAsync(page.Referrals.Select(r => access.Audit(AuditAction.Read, r.Iin, "referral")).ToList(), cancellationToken);
        return page;
    }

    public Task<Referral> AcknowledgeAsync(Guid referralId, string acknowledgedBy, AgencyAccess access, CancellationToken cancellationToken) =>
        ChangeAsync(referralId, access, (current, now) => ReferralTransitions.Acknowledge(current, acknowledgedBy, now),
            (next, eventId) => new ReferralAcknowledged
            {
                EventId = eventId, ReferralId = next.ReferralId, CaseId = next.CaseId, Agency = agency.Name, Iin = next.Iin,
                AnsweredAt = next.AcknowledgedAt!.Value, TraceParent = Activity.Current?.Id, AcknowledgedBy = next.AcknowledgedBy!,
            },
            cancellationToken);

    public Task<Referral> CompleteAsync(Guid referralId, string outcome, AgencyAccess access, CancellationToken cancellationToken) =>
        ChangeAsync(referralId, access, (current, now) => ReferralTransitions.Complete(current, outcome, now),
            (next, eventId) => new ReferralCompleted
            {
                EventId = eventId, ReferralId = next.ReferralId, CaseId = next.CaseId, Agency = agency.Name, Iin = next.Iin,
                AnsweredAt = next.CompletedAt!.Value, TraceParent = Activity.Current?.Id, Outcome = next.Outcome!,
            },
            cancellationToken);

    private async Task<Referral> ChangeAsync(
        Guid referralId, AgencyAccess access, Func<Referral, DateTimeOffset, ReferralTransitions.Decision> decide,
        Func<Referral, Guid, ReferralAnswer> answer, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Referral current;
        await using (var select = new NpgsqlCommand($"SELECT {Columns} FROM platform.referrals WHERE referral_id = $1 FOR UPDATE", connection, transaction))
        {
            select.Parameters.Add(new() { Value = referralId });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) throw new ReferralNotFoundException(referralId);
            current = Read(reader);
        }
        access.DemandTerritory(current.Kato, $"referral {referralId}");

        switch (decide(current, time.GetUtcNow()))
        {
            case ReferralTransitions.Refused refused:
                throw new ReferralTransitionRefusedException(refused.Reason);
            case ReferralTransitions.Changed { Next: var next }:
                await using (var update = new NpgsqlCommand("""
                    UPDATE platform.referrals
                    SET status = $2, acknowledged_by = $3, acknowledged_at = $4, outcome = $5, completed_at = $6
                    WHERE referral_id = $1
                    """, connection, transaction))
                {
                    foreach (var value in new object?[] { next.ReferralId, StatusName(next.Status), next.AcknowledgedBy, next.AcknowledgedAt, next.Outcome, next.CompletedAt })
                        update.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
                    await update.ExecuteNonQueryAsync(cancellationToken);
                }
                var answered = answer(next, Guid.CreateVersion7());
                await OutboxWriter.AddAsync(connection, transaction, answered.EventId, answered.Iin, answered, cancellationToken);
                await audit.AppendAsync(connection, transaction, [access.Audit(AuditAction.Write, next.Iin, "referral")], cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return next;
            default:
                return current;
        }
    }

    private static string StatusName(ReferralStatus status) => status.ToString().ToLowerInvariant();

    private static Referral Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
        reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetString(8),
        reader.GetFieldValue<DateTimeOffset>(9), Enum.Parse<ReferralStatus>(reader.GetString(10), ignoreCase: true),
        reader.IsDBNull(11) ? null : reader.GetString(11), reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
        reader.IsDBNull(13) ? null : reader.GetString(13), reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14));
}
