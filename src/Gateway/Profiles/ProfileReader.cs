using System.Text.Json;
using Npgsql;
using Platform.Contracts.IntegrationEvents;

namespace Platform.Gateway.Profiles;

public sealed record ReportedIdentity(string SourceAgency, string? LastName, string? FirstName, string? Patronymic, string Region, DateTimeOffset ReportedAt);

public sealed record OpenSignal(string Code, IReadOnlyList<string> Evidence, DateTimeOffset RaisedAt, DateTimeOffset? ClearedAt);

public sealed record TimelineEntry(Guid EventId, string SourceAgency, string RecordId, string Kind, int Version, DateTimeOffset OccurredAt, DateTimeOffset ReceivedAt);

public sealed record ChildProfile(
    string Iin, DateOnly BirthDate, string Sex, IReadOnlyList<ReportedIdentity> Identity, IReadOnlyList<ProfileRecord> Records,
    IReadOnlyList<OpenSignal> Signals, IReadOnlyList<TimelineEntry> Timeline);

/// <summary>Reads the integrated profile of one child.</summary>
public sealed class ProfileReader(NpgsqlDataSource dataSource)
{
    /// <summary>The child's profile, read in one round trip (five queries in one batch), or null when no record names the child.</summary>
    public async Task<ChildProfile?> GetAsync(string iin, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Sql.Command("SELECT birth_date, sex FROM gateway.children WHERE iin = $1", iin),
                Sql.Command("""
                    SELECT source_agency, last_name, first_name, patronymic, region, reported_at
                    FROM gateway.reported_identity WHERE iin = $1 ORDER BY source_agency
                    """, iin),
                // Cast: a lone string[] would otherwise be taken as the params array itself.
                Sql.Command(CurrentRecordsSql, (object)new[] { iin }),
                Sql.Command("SELECT code, evidence, raised_at, cleared_at FROM gateway.signals WHERE iin = $1 ORDER BY raised_at, code", iin),
                Sql.Command("""
                    SELECT event_id, source_agency, record_id, kind, version, occurred_at, received_at
                    FROM gateway.timeline WHERE iin = $1 ORDER BY occurred_at, id
                    """, iin),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var (birthDate, sex) = (reader.GetFieldValue<DateOnly>(0), reader.GetString(1));
        return new ChildProfile(iin, birthDate, sex,
            await NextRowsAsync(reader, r => new ReportedIdentity(r.GetString(0), Text(r, 1), Text(r, 2), Text(r, 3), r.GetString(4),
                r.GetFieldValue<DateTimeOffset>(5)), cancellationToken),
            await NextRowsAsync(reader, RecordOf, cancellationToken),
            await NextRowsAsync(reader, r => new OpenSignal(r.GetString(0), r.GetFieldValue<string[]>(1), r.GetFieldValue<DateTimeOffset>(2),
                r.IsDBNull(3) ? null : r.GetFieldValue<DateTimeOffset>(3)), cancellationToken),
            await NextRowsAsync(reader, r => new TimelineEntry(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4),
                r.GetFieldValue<DateTimeOffset>(5), r.GetFieldValue<DateTimeOffset>(6)), cancellationToken));
    }

    /// <summary>The children's records that are not withdrawn, at their newest version: (iin, event).</summary>
    private const string CurrentRecordsSql = """
        SELECT iin, event::text FROM gateway.child_records WHERE iin = ANY($1) AND NOT withdrawn ORDER BY iin, occurred_at, source_agency, record_id
        """;

    private static async Task<IReadOnlyList<T>> NextRowsAsync<T>(NpgsqlDataReader reader, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await reader.NextResultAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(map(reader));
        return rows;
    }

    /// <summary>The current records of each of the children that has any, in one query.</summary>
    public static async Task<Dictionary<string, IReadOnlyList<ProfileRecord>>> CurrentRecordsAsync(
        NpgsqlConnection connection, string[] iins, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(CurrentRecordsSql, connection);
        command.Parameters.Add(new() { Value = iins });
        var records = new Dictionary<string, List<ProfileRecord>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var iin = reader.GetString(0);
            if (!records.TryGetValue(iin, out var ofChild)) records[iin] = ofChild = [];
            ofChild.Add(RecordOf(reader));
        }
        return records.ToDictionary(r => r.Key, r => (IReadOnlyList<ProfileRecord>)r.Value);
    }

    private static ProfileRecord RecordOf(NpgsqlDataReader row) =>
        new(JsonSerializer.Deserialize<AgencyRecordEvent>(row.GetString(1), ProfileProjection.EventJson)!);

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
