using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Platform.GrpcApi;
using Platform.Testing;
using Platform.Contracts.Education.V1;
using Platform.Contracts.IntegrationEvents;
using Platform.Security;
using Platform.GrpcApi.Access;
using Platform.Audit;
using Platform.Database;
using Platform.Outbox;
using Platform.AgencyServices.Records;
using Platform.Services.Education.Domain;
using Platform.Services.Health.Domain;
using static Platform.AgencyServices.Tests.SampleRecords;

namespace Platform.AgencyServices.Tests;

/// <summary>Where a record enters, against the real private PostgreSQL: validation, storage and the outbox event.</summary>
public sealed class RecordIntakeTests
{
    private static async Task<NpgsqlDataSource> NewDatabaseAsync()
    {
        var dataSource = NpgsqlDataSource.Create(await (await SharedInfrastructure.GetAsync()).CreateDatabaseAsync());
        await new SqlMigrator(SqlMigration.LoadEmbedded(typeof(DatabaseExtensions).Assembly, DatabaseExtensions.PlatformComponent))
            .ApplyAsync(dataSource, NullLogger.Instance, CancellationToken.None);
        return dataSource;
    }

    private static readonly AgencyAccess NationalSystem =
        new(new AgencyCaller("education-national", Agency.Education, null, AgencyTerritory.National), "test", "10.0.0.5");

    // Astana (71); the sample records are made in Almaty (75).
    private static readonly AgencyAccess AstanaSystem =
        new(new AgencyCaller("education-astana", Agency.Education, null, AgencyTerritory.Of(Platform.Contracts.Territory.Kato.Parse("710000000"))), "test", "10.0.0.6");

    private static async Task<List<(string Actor, string Iin, string Section, string Purpose)>> AuditAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT actor_id, subject_iin, sections[1], purpose FROM platform.audit_log ORDER BY seq");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string, string, string)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        return rows;
    }

    private static AgencyRecordIntake<TRecord> Intake<TRecord>(NpgsqlDataSource dataSource, IAgencyRecordKinds<TRecord> kinds)
        where TRecord : IMessage<TRecord> =>
        new(kinds, new AgencyRecordStore(dataSource, new AuditTrail(dataSource, new FakeTimeProvider(Now)), new FakeTimeProvider(Now)), new FakeTimeProvider(Now));

    private static async Task<List<(string Type, string Payload)>> OutboxAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT message_type, payload::text FROM platform.outbox_messages ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0).Split(',')[0].Split('.')[^1], reader.GetString(1)));
        return rows;
    }

    [Fact]
    public async Task An_accepted_record_is_stored_with_its_event_carrying_every_common_field()
    {
        await using var dataSource = await NewDatabaseAsync();
        var intake = Intake(dataSource, new HealthRecordKinds());

        var result = await intake.SubmitAsync(Injury(), NationalSystem, CancellationToken.None);

        var (type, payload) = Assert.Single(await OutboxAsync(dataSource));
        Assert.Equal("InjuryRecorded", type);
        var recorded = System.Text.Json.JsonSerializer.Deserialize<InjuryRecorded>(payload, OutboxMessageTypes.Json)!;
        Assert.Equal(result.EventId, recorded.EventId);
        Assert.Equal(("150315501231", "health", "rec-1", 1, "751110000"), (recorded.Iin, recorded.SourceAgency, recorded.RecordId, recorded.Version, recorded.Region));
        Assert.True(recorded.SuspectedAbuse);
        Assert.Equal("T74.1", recorded.Icd10);
        Assert.Equal(Now, recorded.RecordedAt);
        Assert.Equal(Now.AddDays(-2), recorded.OccurredAt);
    }

    [Fact]
    public async Task An_invalid_record_is_rejected_with_field_violations_and_nothing_is_written()
    {
        await using var dataSource = await NewDatabaseAsync();
        var intake = Intake(dataSource, new EducationRecordKinds());
        var record = Enrolment();
        record.Header.Iin = "150315501232";
        record.Enrolment.Grade = 40;

        var error = await Assert.ThrowsAsync<RecordValidationException>(() => intake.SubmitAsync(record, NationalSystem, CancellationToken.None));

        Assert.Equal(["header.iin", "enrolment.grade"], error.Violations.Select(v => v.Field));
        Assert.Empty(await OutboxAsync(dataSource));
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM platform.records");
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_correction_needs_a_reason()
    {
        await using var dataSource = await NewDatabaseAsync();
        var intake = Intake(dataSource, new EducationRecordKinds());
        await intake.SubmitAsync(Enrolment(), NationalSystem, CancellationToken.None);

        var error = await Assert.ThrowsAsync<RecordValidationException>(() => intake.CorrectAsync(Enrolment(version: 2), " ", NationalSystem, CancellationToken.None));
        Assert.Equal("reason", Assert.Single(error.Violations).Field);

        var corrected = await intake.CorrectAsync(Enrolment(version: 2, grade: 6), "grade mistyped", NationalSystem, CancellationToken.None);
        Assert.Equal(SubmitOutcome.Replaced, corrected.Outcome);
    }

    [Fact]
    public async Task A_bulk_load_answers_every_record_and_never_fails_for_one_bad_record()
    {
        await using var dataSource = await NewDatabaseAsync();
        var intake = Intake(dataSource, new EducationRecordKinds());
        var records = Enumerable.Range(0, 10).Select(i => Enrolment($"bulk-{i}")).ToList();
        records[3].Header.Kato = "123";
        records[7] = new EducationRecord { Header = records[7].Header };

        var answers = await intake.SubmitManyAsync(records, firstIndex: 100, NationalSystem, CancellationToken.None);

        Assert.Equal(Enumerable.Range(100, 10), answers.Select(a => a.Index));
        Assert.Equal(8, answers.Count(a => a.Accepted));
        Assert.Equal("header.kato", Assert.Single(answers[3].Violations).Field);
        Assert.Equal("body", Assert.Single(answers[7].Violations).Field);
        var (type, payload) = Assert.Single(await OutboxAsync(dataSource));
        Assert.Equal("AgencyRecordEventBatch", type);
        var batch = System.Text.Json.JsonSerializer.Deserialize<AgencyRecordEventBatch>(payload, OutboxMessageTypes.Json)!;
        Assert.Equal(8, batch.Events.Count);
        Assert.All(batch.Events, e => Assert.IsType<EnrolmentRecorded>(e));
    }

    [Fact]
    public async Task A_territorial_system_writes_only_its_territory_and_every_write_is_audited()
    {
        await using var dataSource = await NewDatabaseAsync();
        var intake = Intake(dataSource, new EducationRecordKinds());

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => intake.SubmitAsync(Enrolment("almaty-1"), AstanaSystem, CancellationToken.None));
        Assert.Contains("territory 710000000", denied.Message);
        var astana = Enrolment("astana-1");
        astana.Header.Kato = "711210000";
        await intake.SubmitAsync(astana, AstanaSystem, CancellationToken.None);

        var bulk = new[] { Enrolment("almaty-2"), astana.Clone() };
        bulk[1].Header.SourceRecordId = "astana-2";
        var answers = await intake.SubmitManyAsync(bulk, firstIndex: 0, AstanaSystem, CancellationToken.None);
        Assert.StartsWith("PERMISSION_DENIED", answers[0].Error);
        Assert.True(answers[1].Accepted);

        await using var count = dataSource.CreateCommand("SELECT array_agg(source_record_id ORDER BY source_record_id) FROM platform.records");
        var stored = (string[])(await count.ExecuteScalarAsync())!;
        Assert.Equal(new[] { "astana-1", "astana-2" }, stored);
        Assert.Equal([("education-astana", "150315501231", "enrolment", "test"), ("education-astana", "150315501231", "enrolment", "test")], await AuditAsync(dataSource));
    }
}
