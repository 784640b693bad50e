using Npgsql;
using Platform.Contracts.Territory;

namespace Platform.Gateway.Cases.Referrals;

/// <summary>
/// How one agency answered the referrals of a territory: how many, the share carried out on time of those whose due
/// day has come, the median hours to acknowledge and days to complete, and how many are overdue now.
/// </summary>
public sealed record AgencyAnswerStatistics(
    string Agency, string Territory, int Issued, int Decided, int OnTime, double? MedianHoursToAcknowledge, double? MedianDaysToComplete, int OverdueNow)
{
    /// <summary>Null until a referral's due day has come: no share can be told of nothing.</summary>
    public double? OnTimeShare => Decided == 0 ? null : (double)OnTime / Decided;
}

/// <summary>The breach statistics a commission sees of the referrals of its territory, from the follow-up's stored readings.</summary>
public sealed class ReferralStatistics(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<AgencyAnswerStatistics>> OfTerritoryAsync(Kato commission, CancellationToken cancellationToken)
    {
        // The act clock is met on time or late, or is overdue: each is a referral whose due day has come.
        await using var command = dataSource.CreateCommand("""
            SELECT r.agency, r.kato, count(*),
                   count(*) FILTER (WHERE r.clocks @> '[{"kind":"Act","state":"MetOnTime"}]' OR r.clocks @> '[{"kind":"Act","state":"MetLate"}]'
                                       OR r.clocks @> '[{"kind":"Act","state":"Overdue"}]'),
                   count(*) FILTER (WHERE r.clocks @> '[{"kind":"Act","state":"MetOnTime"}]'),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.acknowledged_at - r.issued_at) / 3600),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.completed_at - r.issued_at) / 86400),
                   count(*) FILTER (WHERE r.attention = 'overdue')
            FROM gateway.case_referrals r JOIN gateway.cases c ON c.case_id = r.case_id
            WHERE c.commission LIKE $1 || '%'
            GROUP BY r.agency, r.kato
            ORDER BY r.agency, r.kato
            """);
        command.Parameters.Add(new() { Value = commission.UnitPrefix });
        var rows = new List<AgencyAnswerStatistics>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new AgencyAnswerStatistics(reader.GetString(0), reader.GetString(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3),
                (int)reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetDouble(5), reader.IsDBNull(6) ? null : reader.GetDouble(6),
                (int)reader.GetInt64(7)));
        return rows;
    }
}
