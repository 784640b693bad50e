using Google.Protobuf.WellKnownTypes;
using Npgsql;
using Platform.Testing;
using Platform.Contracts.Education.V1;
using Platform.Contracts.Records.V1;
using Grpc.Core;
using Platform.SyntheticData;

namespace Platform.EndToEnd.Tests;

/// <summary>A record from an agency system's gRPC call to the Gateway's integrated profile, through the real broker.</summary>
[Collection(SharedPlatformCollection.Name)]
public sealed class RecordFlowTests(PlatformFixture platform)
{
    private EducationRecords.EducationRecordsClient Education() => new(platform.App.CreateGrpcChannel("education", "education-national"));

    private static EducationRecord Enrolment(string id, int version = 1, int grade = 3) => new()
    {
        Header = new RecordHeader
        {
            SourceRecordId = id, Version = version, Iin = "150315501231", Kato = "751110000", OrganizationId = "school-17",
            OccurredAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero)), LastName = "Абаев", FirstName = "Нурлан",
        },
        Enrolment = new Enrolment { OrganizationType = OrganizationType.School, Form = EducationForm.General, Grade = grade, StartDate = "2026-09-01" },
    };

    private async Task<int?> ProfileVersionAsync(string recordId)
    {
        await using var connection = new NpgsqlConnection(await platform.Platform.ConnectionStringAsync("gateway-db"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT version FROM gateway.child_records WHERE source_agency = 'education' AND record_id = $1 AND NOT withdrawn", connection);
        command.Parameters.Add(new() { Value = recordId });
        return await command.ExecuteScalarAsync() as int?;
    }

    private async Task WaitForProfileVersionAsync(string recordId, int? version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await ProfileVersionAsync(recordId) != version)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"The profile never showed {recordId} at version {version?.ToString() ?? "none"}.");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task A_submitted_record_reaches_the_integrated_profile_and_follows_corrections_and_withdrawal()
    {
        var client = Education();
        var id = $"e2e-{Guid.NewGuid():N}";

        var created = await client.SubmitAsync(Enrolment(id));
        Assert.Equal(SubmitOutcome.Created, created.Outcome);
        Assert.Equal(SubmitOutcome.Unchanged, (await client.SubmitAsync(Enrolment(id))).Outcome);
        await WaitForProfileVersionAsync(id, 1);

        var corrected = await client.CorrectAsync(new CorrectEducationRecord { Record = Enrolment(id, version: 2, grade: 4), Reason = "grade mistyped" });
        Assert.Equal(SubmitOutcome.Replaced, corrected.Outcome);
        await WaitForProfileVersionAsync(id, 2);

        var stored = await client.GetAsync(new GetRequest { SourceRecordId = id });
        Assert.Equal((2, 4, "grade mistyped"), (stored.Record.Header.Version, stored.Record.Enrolment.Grade, stored.CorrectionReason));

        await client.WithdrawAsync(new WithdrawRequest { SourceRecordId = id, Reason = "duplicate" });
        await WaitForProfileVersionAsync(id, null);
    }

    [Fact]
    public async Task An_invalid_record_is_invalid_argument_with_field_violations_and_a_stale_version_is_refused()
    {
        var client = Education();
        var invalid = Enrolment($"bad-{Guid.NewGuid():N}");
        invalid.Header.Iin = "150315501232";
        invalid.Enrolment.Grade = 40;

        var error = await Assert.ThrowsAsync<RpcException>(() => client.SubmitAsync(invalid).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["header.iin", "enrolment.grade"], GrpcCalls.FieldViolationsOf(error));

        var id = $"stale-{Guid.NewGuid():N}";
        await client.SubmitAsync(Enrolment(id, version: 3));
        var stale = await Assert.ThrowsAsync<RpcException>(() => client.SubmitAsync(Enrolment(id, version: 2)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, stale.StatusCode);
    }

    [Fact]
    public async Task A_bulk_stream_answers_every_record_and_keeps_the_good_ones()
    {
        var client = Education();
        var prefix = Guid.NewGuid().ToString("N");
        IEnumerable<EducationRecord> Records()
        {
            for (var i = 0; i < 1200; i++)
            {
                var record = Enrolment($"{prefix}-{i}");
                if (i % 100 == 7) record.Header.Kato = "990000000";
                yield return record;
            }
        }

        var reply = await BulkLoad.SubmitAsync(client.BulkSubmit, Records().ToList());

        Assert.Equal((1188, 12), (reply.Accepted, reply.Rejected));
        Assert.Equal(Enumerable.Range(0, 1200), reply.Results.Select(r => r.Index));
        Assert.All(reply.Results.Where(r => !r.Accepted), r => Assert.Equal("header.kato", Assert.Single(r.Violations).Field));
        await WaitForProfileVersionAsync($"{prefix}-1199", 1);
    }
}
