using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Platform.Audit;
using Platform.Contracts.Gateway.V1;
using Platform.Contracts.Identity;
using Platform.Contracts.IntegrationEvents;
using Platform.Contracts.Territory;
using Platform.Gateway.Cases;
using Platform.Gateway.Cases.FollowUp;
using Platform.Gateway.Cases.Referrals;
using Platform.Gateway.Profiles;
using Wire = Platform.Contracts.Cases.V1;
using static Platform.Testing.GrpcStatus;

namespace Platform.Gateway.Tests.CasesApi;

/// <summary>
/// One Gateway for the class, on its own database: two children of an Almaty district, each with a case of the Almaty
/// district commission (the other commission, Astana's, has none). Each test works on its own case, so their order
/// does not matter.
/// </summary>
public sealed class CasesApiGateway : IAsyncLifetime
{
    public const string FirstChild = "150315501231", SecondChild = "210627518305";

    public StaffGateway Gateway { get; private set; } = null!;
    public CaseFile ReferralsCase { get; private set; } = null!;
    public CaseFile AlertsCase { get; private set; } = null!;

    public static CaseActor AlmatySecretary { get; } = new(
        new AuditActor("secretary.almaty", AuditActorKind.StaffUser, "commission_secretary", "751110000"), Kato.Parse("751110000"), "127.0.0.1");

    public async Task InitializeAsync()
    {
        Gateway = await StaffGateway.StartWithTwoCommissionsAsync();
        await RecordAsync(FirstChild, new InjuryRecorded { Icd10 = "T74.1", SuspectedAbuse = true }, SourceAgencies.Health, "med-1");
        await RecordAsync(SecondChild, new EnrolmentRecorded { OrganizationType = "School", Form = "General", Grade = 2, StartDate = new(2026, 9, 1) },
            SourceAgencies.Education, "edu-1");
        var store = Gateway.Services.GetRequiredService<CaseStore>();
        ReferralsCase = await store.OpenAsync(Iin.Parse(FirstChild), ["violence-suspected"], null, "member.almaty", AlmatySecretary, CancellationToken.None);
        AlertsCase = await store.OpenAsync(Iin.Parse(SecondChild), [], "Сообщение школы", null, AlmatySecretary, CancellationToken.None);
    }

    /// <summary>An agency's record about the child, in Almaty's district, as its event would bring it.</summary>
    public Task RecordAsync(string iin, AgencyRecordEvent recordEvent, string agency, string recordId) =>
        Gateway.Services.GetRequiredService<ProfileProjection>().ApplyAsync(
            [ProfileProjectionTests.Event(recordEvent, agency, recordId, 1, "Абаев") with { Iin = iin }], CancellationToken.None);

    public Task<CaseReferral> ReferAsync(CaseFile file, string agency) =>
        Gateway.Services.GetRequiredService<CaseReferrals>().IssueAsync(file.Id,
            new NewReferral(Guid.NewGuid(), agency, $"Задача для {agency}", WorkingCalendar.Kazakhstan.LocalDate(DateTimeOffset.UtcNow).AddDays(10)),
            AlmatySecretary, CancellationToken.None);

    public Wire.Cases.CasesClient Cases(string? systemName) =>
        new(Gateway.SystemChannel(systemName is null ? null : StaffGateway.Certificates.LoadClientCertificate(systemName)));

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}

/// <summary>platform.cases.v1 and /api/cases on the real Gateway: who sees which case, what of it, its referrals and alerts, and bad input.</summary>
[Collection(GatewayOnSharedBroker.Name)]
public sealed class CasesApiTests(CasesApiGateway platform) : IClassFixture<CasesApiGateway>
{
    private const string AlmatyCommission = "commission-almaty-district", AstanaCommission = "commission-astana-district";

    private static Wire.GetCaseRequest ById(CaseFile file) => new() { CaseId = file.Id.ToString() };

    [Fact]
    public async Task A_commission_system_lists_and_reads_its_cases_whole_with_their_referrals_and_the_reads_are_audited()
    {
        var health = await platform.ReferAsync(platform.ReferralsCase, SourceAgencies.Health);
        var cases = platform.Cases(AlmatyCommission);

        var listed = await cases.ListCasesAsync(new Wire.ListCasesRequest { Status = Wire.CaseStatus.Open });
        Assert.Equal(new[] { platform.ReferralsCase, platform.AlertsCase }.Select(c => c.Id.ToString()).Order(), listed.Cases.Select(c => c.CaseId).Order());
        // Newest first, one to a page, the token leading on to the older one.
        var first = await cases.ListCasesAsync(new Wire.ListCasesRequest { PageSize = 1 });
        var second = await cases.ListCasesAsync(new Wire.ListCasesRequest { PageSize = 1, PageToken = first.NextPageToken });
        Assert.Equal((platform.AlertsCase.Id.ToString(), platform.ReferralsCase.Id.ToString()), (first.Cases.Single().CaseId, second.Cases.Single().CaseId));
        Assert.Equal("", second.NextPageToken);
        Assert.Empty((await cases.ListCasesAsync(new Wire.ListCasesRequest { Status = Wire.CaseStatus.Closed })).Cases);

        var read = await cases.GetCaseAsync(ById(platform.ReferralsCase));
        Assert.Equal((FirstChild, Wire.CaseStatus.Open, "member.almaty"), (read.Header.Iin, read.Header.Status, read.Header.Responsible));
        Assert.Equal("violence-suspected", read.Grounds.Signals.Single().Code);
        Assert.Equal(["opened", "referral"], read.Timeline.Select(t => t.Kind));
        Assert.Empty(read.Withheld);
        var number = platform.ReferralsCase.Number;
        var byNumber = await cases.GetCaseAsync(new Wire.GetCaseRequest
        {
            Number = new Wire.CaseNumber { Commission = number.Commission.Value, Year = number.Year, Number = number.Number },
        });
        Assert.Equal(read.Header, byNumber.Header);

        var referral = (await cases.ListReferralsAsync(new Wire.ListReferralsRequest { CaseId = platform.ReferralsCase.Id.ToString() })).Referrals.Single();
        Assert.Equal((health.Id.ToString(), "health", Wire.ReferralState.Issued, Wire.Attention.None, "751110000"),
            (referral.ReferralId, referral.Agency, referral.State, referral.Attention, referral.Kato));
        Assert.Equal(["acknowledge", "act", "report_back"], referral.Clocks.Select(c => c.Kind));

        var accessors = await new AuditQueries(platform.Gateway.Services.GetRequiredService<Npgsql.NpgsqlDataSource>())
            .AccessorsOfChildAsync(FirstChild, CancellationToken.None);
        Assert.Contains(accessors, a => a.Actor == new AuditActor(AlmatyCommission, AuditActorKind.AgencySystem, "commission", "751110000"));
    }

    [Fact]
    public async Task Another_commissions_system_gets_not_found_and_a_commission_system_is_no_agency()
    {
        var astana = platform.Cases(AstanaCommission);
        var number = platform.ReferralsCase.Number;
        Assert.Equal(StatusCode.NotFound, await StatusOfAsync(() => astana.GetCaseAsync(ById(platform.ReferralsCase))));
        Assert.Equal(StatusCode.NotFound, await StatusOfAsync(() => astana.GetCaseAsync(new Wire.GetCaseRequest
        {
            Number = new Wire.CaseNumber { Commission = number.Commission.Value, Year = number.Year, Number = number.Number },
        })));
        Assert.Equal(StatusCode.NotFound, await StatusOfAsync(() => astana.ListReferralsAsync(new Wire.ListReferralsRequest { CaseId = platform.ReferralsCase.Id.ToString() })));
        // A case that does not exist is answered the same way.
        var missingId = Guid.NewGuid().ToString();
        var missing = await Assert.ThrowsAsync<RpcException>(() => astana.GetCaseAsync(new Wire.GetCaseRequest { CaseId = missingId }).ResponseAsync);
        var hidden = await Assert.ThrowsAsync<RpcException>(() => astana.GetCaseAsync(ById(platform.ReferralsCase)).ResponseAsync);
        Assert.Equal(missing.Status.Detail.Replace(missingId, platform.ReferralsCase.Id.ToString()), hidden.Status.Detail);
        Assert.Empty((await astana.ListCasesAsync(new Wire.ListCasesRequest())).Cases);

        var profiles = new ChildProfiles.ChildProfilesClient(platform.Gateway.SystemChannel(StaffGateway.Certificates.LoadClientCertificate(AlmatyCommission)));
        Assert.Equal(StatusCode.PermissionDenied, await StatusOfAsync(() => profiles.GetProfileAsync(new GetProfileRequest { Iin = FirstChild })));
        Assert.Equal(StatusCode.Unauthenticated, await StatusOfAsync(() => platform.Cases(systemName: null).ListCasesAsync(new Wire.ListCasesRequest())));
    }

    [Fact]
    public async Task An_education_system_sees_a_case_only_once_it_is_referred_to_education_and_then_only_its_own_referral()
    {
        var file = platform.AlertsCase;
        var education = platform.Cases("education-national");
        Assert.Equal(StatusCode.NotFound, await StatusOfAsync(() => education.GetCaseAsync(ById(file))));
        await platform.ReferAsync(file, SourceAgencies.Social);
        Assert.Equal(StatusCode.NotFound, await StatusOfAsync(() => education.GetCaseAsync(ById(file))));
        Assert.DoesNotContain(file.Id.ToString(), (await education.ListCasesAsync(new Wire.ListCasesRequest())).Cases.Select(c => c.CaseId));

        var referred = await platform.ReferAsync(file, SourceAgencies.Education);
        var read = await education.GetCaseAsync(ById(file));
        Assert.Equal((file.Id.ToString(), SecondChild), (read.Header.CaseId, read.Header.Iin));
        Assert.Null(read.Grounds);
        Assert.Empty(read.Timeline);
        Assert.Equal(["grounds", "timeline"], read.Withheld);
        Assert.Equal([file.Id.ToString()], (await education.ListCasesAsync(new Wire.ListCasesRequest())).Cases.Select(c => c.CaseId));
        var referrals = await education.ListReferralsAsync(new Wire.ListReferralsRequest { CaseId = file.Id.ToString() });
        Assert.Equal([referred.Id.ToString()], referrals.Referrals.Select(r => r.ReferralId));

        // Astana's education system: the referral concerns a place outside its territory.
        var astanaEducation = platform.Cases("education-astana");
        Assert.Equal(StatusCode.NotFound, await StatusOfAsync(() => astanaEducation.GetCaseAsync(ById(file))));
        Assert.Empty((await astanaEducation.ListCasesAsync(new Wire.ListCasesRequest())).Cases);

        using var alerts = education.WatchAlerts(new Wire.WatchAlertsRequest());
        var denied = await Assert.ThrowsAsync<RpcException>(() => alerts.ResponseStream.MoveNext());
        Assert.Equal((StatusCode.PermissionDenied, CaseAccess.AlertsAreTheCommissions), (denied.StatusCode, denied.Status.Detail));
    }

    [Fact]
    public async Task Watch_alerts_delivers_an_alert_written_after_the_stream_opened_and_resumes_after_an_id_without_repeats()
    {
        var cases = platform.Cases(AlmatyCommission);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Wire.CaseAlert first;
        using (var watch = cases.WatchAlerts(new Wire.WatchAlertsRequest(), cancellationToken: timeout.Token))
        {
            var next = watch.ResponseStream.MoveNext(timeout.Token);
            await platform.RecordAsync(SecondChild, new SchoolIncidentReported { IncidentType = "Bullying", ReportedToPolice = false }, SourceAgencies.Education, "inc-1");
            Assert.True(await next);
            first = watch.ResponseStream.Current;
        }
        Assert.Equal((platform.AlertsCase.Id.ToString(), "record", "education", nameof(SchoolIncidentReported)),
            (first.CaseId, first.What, first.SourceAgency, first.RecordKind));
        Assert.Equal(["education/inc-1"], first.Evidence);

        await platform.RecordAsync(SecondChild, new SchoolIncidentReported { IncidentType = "SelfHarm", ReportedToPolice = false }, SourceAgencies.Education, "inc-2");
        using var resumed = cases.WatchAlerts(new Wire.WatchAlertsRequest { AfterAlertId = first.AlertId }, cancellationToken: timeout.Token);
        var delivered = new List<Wire.CaseAlert>();
        while (delivered.All(a => !a.Evidence.Contains("education/inc-2")) && await resumed.ResponseStream.MoveNext(timeout.Token))
            delivered.Add(resumed.ResponseStream.Current);
        Assert.All(delivered, alert => Assert.True(alert.AlertId > first.AlertId));
        Assert.Equal(delivered.Count, delivered.Select(a => a.AlertId).Distinct().Count());
        Assert.Contains(delivered, a => a.Risk == 1 && a.Evidence.Contains("education/inc-2"));
        Assert.Empty((await platform.Cases(AstanaCommission).ListCasesAsync(new Wire.ListCasesRequest())).Cases);
    }

    [Fact]
    public async Task Invalid_arguments_are_refused_naming_the_field()
    {
        var cases = platform.Cases(AlmatyCommission);
        Assert.Equal(["case_id"], await FieldsAtFaultAsync(() => cases.GetCaseAsync(new Wire.GetCaseRequest { CaseId = "12/2026" })));
        Assert.Equal(["case_id"], await FieldsAtFaultAsync(() => cases.GetCaseAsync(new Wire.GetCaseRequest())));
        Assert.Equal(["number.commission", "number.number"], await FieldsAtFaultAsync(() => cases.GetCaseAsync(new Wire.GetCaseRequest
        {
            Number = new Wire.CaseNumber { Commission = "75111", Year = 2026, Number = 0 },
        })));
        Assert.Equal(["page_size", "page_token"], await FieldsAtFaultAsync(() => cases.ListCasesAsync(new Wire.ListCasesRequest { PageSize = 201, PageToken = "next" })));
        Assert.Equal(["status"], await FieldsAtFaultAsync(() => cases.ListCasesAsync(new Wire.ListCasesRequest { Status = (Wire.CaseStatus)42 })));
        Assert.Equal(["case_id"], await FieldsAtFaultAsync(() => cases.ListReferralsAsync(new Wire.ListReferralsRequest { CaseId = "" })));
        using var watch = cases.WatchAlerts(new Wire.WatchAlertsRequest { AfterAlertId = -1 });
        var refused = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext());
        Assert.Equal(["after_alert_id"], refused.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task Over_http_a_secretary_reads_her_commissions_cases_an_analyst_none_and_bad_input_is_a_400_naming_the_field()
    {
        var casePath = $"/api/cases/{platform.ReferralsCase.Id}";
        using var secretary = await platform.Gateway.SignedInAsync("secretary.almaty");
        var list = await secretary.GetFromJsonAsync<JsonElement>("/api/cases?status=open");
        Assert.Contains(platform.ReferralsCase.Id.ToString(), list.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("caseId").GetString()));
        var read = await secretary.GetFromJsonAsync<JsonElement>(casePath);
        Assert.Equal("open", read.GetProperty("header").GetProperty("status").GetString());
        Assert.Equal("violence-suspected", read.GetProperty("grounds").GetProperty("signals")[0].GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Array, (await secretary.GetFromJsonAsync<JsonElement>($"{casePath}/referrals")).ValueKind);
        Assert.Equal(JsonValueKind.Array, (await secretary.GetFromJsonAsync<JsonElement>("/api/cases/alerts?after=0")).GetProperty("alerts").ValueKind);

        using var astana = await platform.Gateway.SignedInAsync("secretary.astana");
        Assert.Equal(HttpStatusCode.NotFound, (await astana.GetAsync(casePath)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await astana.GetAsync($"{casePath}/referrals")).StatusCode);
        Assert.Empty((await astana.GetFromJsonAsync<JsonElement>("/api/cases")).GetProperty("cases").EnumerateArray());

        using var analyst = await platform.Gateway.SignedInAsync("analyst.one");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/api/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync(casePath)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/api/cases/alerts")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await platform.Gateway.Browser().GetAsync("/api/cases")).StatusCode);

        foreach (var (path, field) in new[]
                 {
                     ("/api/cases/not-a-case", "id"), ("/api/cases/not-a-case/referrals", "id"), ("/api/cases?pageSize=201", "pageSize"),
                     ("/api/cases?pageToken=next", "pageToken"), ("/api/cases?status=pending", "status"), ("/api/cases/alerts?after=-1", "after"),
                 })
        {
            using var response = await secretary.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{path}: {problem}");
        }

        var openApi = await platform.Gateway.Browser().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/cases/{id}/referrals", openApi);
        Assert.Contains("/api/cases/alerts", openApi);
    }

    private const string FirstChild = CasesApiGateway.FirstChild, SecondChild = CasesApiGateway.SecondChild;


    private static async Task<IReadOnlyList<string>> FieldsAtFaultAsync<TResponse>(Func<AsyncUnaryCall<TResponse>> call)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => call().ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        return refused.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).ToList();
    }
}
