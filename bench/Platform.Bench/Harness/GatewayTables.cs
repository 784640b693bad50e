using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Contracts.IntegrationEvents;
using Platform.Contracts.Territory;
using Platform.SyntheticData;

namespace Platform.Bench.Harness;

/// <summary>
/// Puts a national-scale population straight into the Gateway's tables with binary COPY, so that reads are measured
/// against tables of the size they will have, without waiting for millions of records to come through the agencies.
/// </summary>
public static class GatewayTables
{
    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web);
    private static readonly DateOnly AsOf = new(2026, 11, 1);

    /// <summary>Children, each with an identity and one enrolment record; a twentieth of the families in <paramref name="focusDistrict"/> when given.</summary>
    public static async Task<IReadOnlyList<SyntheticChild>> LoadChildrenAsync(NpgsqlDataSource gateway, int count, Kato? focusDistrict,
        CancellationToken cancellationToken)
    {
        var children = ChildPopulation.Generate(count, seed: 1_000_003, AsOf, focusDistrict).ToList();
        var now = DateTimeOffset.UtcNow;
        await using var connection = await gateway.OpenConnectionAsync(cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY gateway.children (iin, birth_date, sex, updated_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var child in children)
                await copy.WriteRowAsync(cancellationToken, child.Iin.Value, child.Iin.BirthDate, child.Iin.Sex.ToString(), now);
            await copy.CompleteAsync(cancellationToken);
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY gateway.reported_identity (iin, source_agency, last_name, first_name, patronymic, region, reported_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var child in children)
                await copy.WriteRowAsync(cancellationToken, child.Iin.Value, SourceAgencies.Education, child.LastName, child.FirstName, child.Patronymic, child.Kato.Value, now);
            await copy.CompleteAsync(cancellationToken);
        }
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY gateway.child_records (source_agency, record_id, iin, kind, version, region, occurred_at, recorded_at, withdrawn, event)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken))
        {
            foreach (var child in children)
            {
                var enrolment = new EnrolmentRecorded
                {
                    EventId = Guid.CreateVersion7(), Iin = child.Iin.Value, SourceAgency = SourceAgencies.Education, RecordId = $"direct-{child.Iin}",
                    Version = 1, Region = child.Kato.Value, OrganizationId = "school", OccurredAt = now, RecordedAt = now,
                    OrganizationType = "School", Form = "General", Grade = 5, StartDate = new DateOnly(2026, 9, 1),
                };
                await copy.StartRowAsync(cancellationToken);
                foreach (var value in new object[] { enrolment.SourceAgency, enrolment.RecordId, enrolment.Iin, nameof(EnrolmentRecorded), 1, enrolment.Region, now, now, false })
                    await copy.WriteAsync(value, cancellationToken);
                await copy.WriteAsync(JsonSerializer.Serialize<AgencyRecordEvent>(enrolment, EventJson), NpgsqlDbType.Jsonb, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        await AnalyzeAsync(connection, cancellationToken);
        return children;
    }

    public static async Task AnalyzeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var analyze = new NpgsqlCommand("ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }
}
