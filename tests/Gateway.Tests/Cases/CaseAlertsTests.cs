using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.IntegrationEvents;
using Platform.Gateway.Profiles;
using static Platform.Gateway.Tests.StaffGateway;

namespace Platform.Gateway.Tests.Cases;

/// <summary>What the agencies record about a child under an open case reaches the case as alerts, the urgent first, until marked seen.</summary>
[Collection(GatewayOnSharedBroker.Name)]
public sealed class CaseAlertsTests
{
    private const string Child = "150315501231";

    [Fact]
    public async Task New_records_corrections_and_signals_alert_the_open_case_by_risk_and_stay_until_marked_seen()
    {
        await using var gateway = await StartWithTwoCommissionsAsync();
        var projection = gateway.Services.GetRequiredService<ProfileProjection>();
        var (secretary, casePath) = await gateway.OpenAlmatyCaseOnInjuryAsync();
        var page = await (await secretary.GetAsync(casePath)).Content.ReadAsStringAsync();
        Assert.Contains("id=\"no-alerts\"", page);

        await projection.ApplyAsync(
        [
            ProfileProjectionTests.Event(new BenefitRecorded { BenefitType = "ChildDisability", MonthlyAmountTenge = 45_000, StartDate = new(2026, 1, 1) },
                SourceAgencies.Social, "ben-1", 1, "Абаев"),
            ProfileProjectionTests.Event(new SchoolIncidentReported { IncidentType = "SelfHarm", ReportedToPolice = false }, SourceAgencies.Education, "inc-1", 1, "Абаев"),
        ], CancellationToken.None);
        await projection.ApplyAsync(
            [ProfileProjectionTests.Event(new InjuryRecorded { Icd10 = "T74.1", SuspectedAbuse = true }, SourceAgencies.Health, "med-1", 2, "Абаев")],
            CancellationToken.None);
        // Version 1 delivered late, after version 2: history only, no alert.
        await projection.ApplyAsync(
            [ProfileProjectionTests.Event(new InjuryRecorded { Icd10 = "T74.1", SuspectedAbuse = true }, SourceAgencies.Health, "med-1", 1, "Абаев")],
            CancellationToken.None);

        page = await (await secretary.GetAsync(casePath)).Content.ReadAsStringAsync();
        var alerts = Regex.Matches(page, "<tr data-alert=\"(?<id>\\d+)\" data-risk=\"(?<risk>\\d)\" data-seen=\"no\"").Select(m => (Id: m.Groups["id"].Value, Risk: m.Groups["risk"].Value)).ToList();
        // The incident, the correction and the self-harm signal are urgent; the benefit comes last.
        Assert.Equal(["1", "1", "1", "3"], alerts.Select(a => a.Risk));
        Assert.Contains("data-alert=\"", page);
        Assert.Contains("исправление записи", page);
        Assert.Contains("Суицидальная попытка или самоповреждение", page);
        Assert.Equal(4, Regex.Count(page, "<tr data-kind=\"alert\""));
        Assert.Contains("data-attention=\"alerts\"", await (await secretary.GetAsync("/")).Content.ReadAsStringAsync());

        // Saving the case does not clear an alert; marking it seen does, once, however often the form is posted.
        await SubmitAsync(secretary, casePath, $"{casePath}/notes", ("text", "Беседа с матерью"));
        var first = alerts[0].Id;
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(secretary, casePath, $"{casePath}/alerts/{first}/seen")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(secretary, casePath, $"{casePath}/alerts/{first}/seen")).StatusCode);
        page = await (await secretary.GetAsync(casePath)).Content.ReadAsStringAsync();
        Assert.Equal(3, Regex.Count(page, "data-seen=\"no\""));
        Assert.Contains($"data-alert=\"{first}\" data-risk=\"1\" data-seen=\"yes\"", page);

        var astana = await gateway.SignedInAsync("secretary.astana");
        Assert.Equal(HttpStatusCode.NotFound, (await SubmitAsync(astana, "/", $"{casePath}/alerts/{alerts[1].Id}/seen")).StatusCode);
        Assert.Equal(3, Regex.Count(await (await secretary.GetAsync(casePath)).Content.ReadAsStringAsync(), "data-seen=\"no\""));
    }
}
