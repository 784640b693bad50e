namespace Platform.Gateway.Profiles;

/// <summary>
/// The name an agency reported last for a child, as the lists show it: a SQL join that gives <c>latest.last_name</c>
/// and <c>latest.first_name</c> for the IIN in the column named.
/// </summary>
internal static class LatestReportedName
{
    public static string JoinOn(string iinColumn) => $"""
        LEFT JOIN LATERAL (
            SELECT last_name, first_name FROM gateway.reported_identity WHERE iin = {iinColumn} ORDER BY reported_at DESC LIMIT 1
        ) latest ON true
        """;
}
