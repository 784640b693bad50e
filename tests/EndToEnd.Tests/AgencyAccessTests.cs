using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf.WellKnownTypes;
using Npgsql;
using Platform.Testing;
using Platform.Contracts.Education.V1;
using Platform.Contracts.Records.V1;
using Grpc.Core;
using Platform.Security;
using Platform.Security.Certificates;
using Platform.Contracts.Health.V1;
using static Platform.EndToEnd.Tests.GrpcCalls;
using static Platform.Testing.GrpcStatus;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Who may call an agency service (OWASP API Security: broken authentication, object-level authorization across
/// territories, missing rate limits), with real certificates over mutual TLS, and the audit trail of what they did.
/// </summary>
[Collection(SharedPlatformCollection.Name)]
public sealed class AgencyAccessTests(PlatformFixture platform)
{
    private const string ChildIin = "150315501231";

    private EducationRecords.EducationRecordsClient Education(string? system) => new(platform.App.CreateGrpcChannel("education", system));

    private EducationRecords.EducationRecordsClient Education(X509Certificate2 certificate) => new(platform.App.CreateGrpcChannel("education", certificate));

    private static EducationRecord Enrolment(string id, string kato) => new()
    {
        Header = new RecordHeader
        {
            SourceRecordId = id, Version = 1, Iin = ChildIin, Kato = kato, OrganizationId = "school-17",
            OccurredAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero)),
        },
        Enrolment = new Enrolment { OrganizationType = OrganizationType.School, Form = EducationForm.General, Grade = 5, StartDate = "2026-09-01" },
    };

    private static Task<StatusCode> SubmitStatusAsync(EducationRecords.EducationRecordsClient client, string id, string kato = "751110000") =>
        StatusOfAsync(() => client.SubmitAsync(Enrolment(id, kato)));

    private X509Certificate2 Issue(string system, CertificateValidity validity, PlatformCertificateAuthority? authority = null)
    {
        using var platformCa = AgencySystemChannels.DevelopmentFiles(platform.App).LoadAuthority();
        return (authority ?? platformCa).IssueClientCertificate(new AgencyCaller(system, Agency.Education, null, AgencyTerritory.National), validity);
    }

    [Fact]
    public async Task Without_a_certificate_every_method_is_unauthenticated_and_nothing_is_written()
    {
        var anonymous = Education(system: null);
        var id = $"anonymous-{Guid.NewGuid():N}";

        Assert.Equal(StatusCode.Unauthenticated, await SubmitStatusAsync(anonymous, id));
        Assert.Equal(StatusCode.Unauthenticated, await StatusOfAsync(() =>
            anonymous.ListByIinAsync(new ListByIinRequest { Iin = ChildIin })));
        Assert.Equal(StatusCode.NotFound, await StatusOfAsync(() =>
            Education("education-national").GetAsync(new GetRequest { SourceRecordId = id })));
    }

    [Fact]
    public async Task Expired_foreign_and_revoked_certificates_are_unauthenticated()
    {
        var now = DateTimeOffset.UtcNow;
        var expired = Issue("education-expired", new CertificateValidity(now.AddDays(-30), now.AddDays(-1)));
        using var foreignCa = PlatformCertificateAuthority.Create("Child Data Platform Development CA", CertificateValidity.StartingNow(TimeSpan.FromDays(1)));
        var foreign = Issue("education-foreign", CertificateValidity.StartingNow(TimeSpan.FromDays(1)), foreignCa);
        var revoked = Issue("education-revoked", CertificateValidity.StartingNow(TimeSpan.FromDays(1)));

        Assert.Equal(StatusCode.Unauthenticated, await SubmitStatusAsync(Education(expired), $"expired-{Guid.NewGuid():N}"));
        Assert.Equal(StatusCode.Unauthenticated, await SubmitStatusAsync(Education(foreign), $"foreign-{Guid.NewGuid():N}"));
        Assert.Equal(StatusCode.OK, await SubmitStatusAsync(Education(revoked), $"before-revocation-{Guid.NewGuid():N}"));

        AgencySystemChannels.DevelopmentFiles(platform.App).Revoke(revoked);
        // The services re-read the revocation list every few seconds; a new connection is validated afresh.
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (await SubmitStatusAsync(Education(revoked), $"after-revocation-{Guid.NewGuid():N}") != StatusCode.Unauthenticated)
        {
            Assert.True(DateTime.UtcNow < deadline, "The revoked certificate was still accepted after 40 s.");
            await Task.Delay(1000);
        }
    }

    [Fact]
    public async Task Another_agencys_system_is_permission_denied()
    {
        var health = new EducationRecords.EducationRecordsClient(platform.App.CreateGrpcChannel("education", "health-national"));
        Assert.Equal(StatusCode.PermissionDenied, await SubmitStatusAsync(health, $"by-health-{Guid.NewGuid():N}"));
        Assert.Equal(StatusCode.PermissionDenied, await StatusOfAsync(() =>
            health.ListByIinAsync(new ListByIinRequest { Iin = ChildIin })));
    }

    [Fact]
    public async Task A_territorial_system_reads_and_writes_only_its_territory_and_every_access_is_audited()
    {
        var national = Education("education-national");
        var astana = Education("education-astana");
        var prefix = Guid.NewGuid().ToString("N");
        Assert.Equal(StatusCode.OK, await SubmitStatusAsync(national, $"{prefix}-almaty", "751110000"));
        Assert.Equal(StatusCode.OK, await SubmitStatusAsync(national, $"{prefix}-astana", "711210000"));

        Assert.Equal(StatusCode.PermissionDenied, await SubmitStatusAsync(astana, $"{prefix}-almaty-2", "751110000"));
        Assert.Equal(StatusCode.OK, await SubmitStatusAsync(astana, $"{prefix}-astana-2", "711210000"));
        Assert.Equal(StatusCode.PermissionDenied, await StatusOfAsync(() =>
            astana.GetAsync(new GetRequest { SourceRecordId = $"{prefix}-almaty" })));
        Assert.Equal(StatusCode.PermissionDenied, await StatusOfAsync(() =>
            astana.WithdrawAsync(new WithdrawRequest { SourceRecordId = $"{prefix}-almaty", Reason = "test" })));
        var seen = await astana.ListByIinAsync(new ListByIinRequest { Iin = ChildIin });
        Assert.All(seen.Records, r => Assert.StartsWith("71", r.Record.Header.Kato));
        Assert.Contains(seen.Records, r => r.Record.Header.SourceRecordId == $"{prefix}-astana");

        await using var connection = new NpgsqlConnection(await platform.Platform.ConnectionStringAsync("education-db"));
        await connection.OpenAsync();
        await using var audit = new NpgsqlCommand("""
            SELECT action, purpose, actor_territory FROM platform.audit_log
            WHERE actor_id = 'education-astana' AND subject_iin = $1 ORDER BY seq DESC LIMIT 2
            """, connection);
        audit.Parameters.Add(new() { Value = ChildIin });
        await using (var reader = await audit.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(("read", "record lookup", "710000000"), (reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            Assert.True(await reader.ReadAsync());
            Assert.Equal(("write", "record submission"), (reader.GetString(0), reader.GetString(1)));
        }

        var (exitCode, output) = await VerifyAuditChainAsync("education");
        Assert.True(exitCode == 0, output);
        Assert.Contains("The audit chain is intact", output);
    }

    [Fact]
    public async Task A_system_over_its_rate_limit_is_resource_exhausted_while_another_system_is_served()
    {
        var flooding = new HealthRecords.HealthRecordsClient(platform.App.CreateGrpcChannel("health", "health-almaty"));
        var statuses = await GrpcCalls.FloodAsync(600, () => flooding.ListByIinAsync(new ListByIinRequest { Iin = ChildIin }));

        Assert.Contains(StatusCode.ResourceExhausted, statuses);
        Assert.Contains(StatusCode.OK, statuses);
        Assert.All(statuses, s => Assert.True(s is StatusCode.OK or StatusCode.ResourceExhausted, $"unexpected {s}"));
        var other = new HealthRecords.HealthRecordsClient(platform.App.CreateGrpcChannel("health", "health-national"));
        await other.ListByIinAsync(new ListByIinRequest { Iin = ChildIin });
    }

    private async Task<(int ExitCode, string Output)> VerifyAuditChainAsync(string service)
    {
        // The service's own program, as an operator runs it against the service's database.
        var program = File.ReadAllText($"/proc/{platform.Platform.ProcessIdOf(service)}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var start = new ProcessStartInfo(program[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in program[1..].Concat(["audit", "verify"])) start.ArgumentList.Add(argument);
        start.Environment[$"ConnectionStrings__{service}-db"] = await platform.Platform.ConnectionStringAsync($"{service}-db");
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
