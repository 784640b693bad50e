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
    public async Task<ChildProfile?> GetAsync(string iin, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var child = new NpgsqlCommand("SELECT birth_date, sex FROM gateway.children WHERE iin = $1", connection);
        child.Parameters.Add(new() { Value = iin });
        DateOnly birthDate;
        string sex;
        await using (var reader = await child.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken)) return null;
            (birthDate, sex) = (reader.GetFieldValue<DateOnly>(0), reader.GetString(1));
        }
        return new ChildProfile(iin, birthDate, sex,
            await ReadAsync(connection, """
                SELECT source_agency, last_name, first_name, patronymic, region, reported_at
                FROM gateway.reported_identity WHERE iin = $1 ORDER BY source_agency
                """, iin, r => new ReportedIdentity(r.GetString(0), Text(r, 1), Text(r, 2), Text(r, 3), r.GetString(4),
                    r.GetFieldValue<DateTimeOffset>(5)), cancellationToken),
            await CurrentRecordsAsync(connection, iin, cancellationToken),
            await ReadAsync(connection, """
                SELECT code, evidence, raised_at, cleared_at FROM gateway.signals WHERE iin = $1 ORDER BY raised_at, code
                """, iin, r => new OpenSignal(r.GetString(0), r.GetFieldValue<string[]>(1), r.GetFieldValue<DateTimeOffset>(2),
                    r.IsDBNull(3) ? null : r.GetFieldValue<DateTimeOffset>(3)), cancellationToken),
            await ReadAsync(connection, """
                SELECT event_id, source_agency, record_id, kind, version, occurred_at, received_at
                FROM gateway.timeline WHERE iin = $1 ORDER BY occurred_at, id
                """, iin, r => new TimelineEntry(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4),
                    r.GetFieldValue<DateTimeOffset>(5), r.GetFieldValue<DateTimeOffset>(6)), cancellationToken));
    }

    /// <summary>The child's records that are not withdrawn, at their newest version.</summary>
    public static async Task<IReadOnlyList<ProfileRecord>> CurrentRecordsAsync(NpgsqlConnection connection, string iin, CancellationToken cancellationToken) =>
        (await CurrentRecordsAsync(connection, [iin], cancellationToken)).GetValueOrDefault(iin, []);

    /// <summary>The current records of each of the children that has any, in one query.</summary>
    public static async Task<Dictionary<string, IReadOnlyList<ProfileRecord>>> CurrentRecordsAsync(
        NpgsqlConnection connection, string[] iins, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT iin, event::text FROM gateway.child_records WHERE iin = ANY($1) AND NOT withdrawn ORDER BY iin, occurred_at, source_agency, record_id
            """, connection);
        command.Parameters.Add(new() { Value = iins });
        var records = new Dictionary<string, List<ProfileRecord>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var iin = reader.GetString(0);
            if (!records.TryGetValue(iin, out var ofChild)) records[iin] = ofChild = [];
            ofChild.Add(new ProfileRecord(JsonSerializer.Deserialize<AgencyRecordEvent>(reader.GetString(1), ProfileProjection.EventJson)!));
        }
        return records.ToDictionary(r => r.Key, r => (IReadOnlyList<ProfileRecord>)r.Value);
    }

    private static async Task<IReadOnlyList<T>> ReadAsync<T>(
        NpgsqlConnection connection, string sql, string iin, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new() { Value = iin });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(map(reader));
        return rows;
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
