using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.IntegrationEvents;
using Platform.Gateway.Cases.FollowUp;
using Platform.Gateway.Cases.Referrals;
using Platform.Gateway.Profiles;
using static Platform.Gateway.Tests.StaffGateway;

namespace Platform.Gateway.Tests.Cases;

/// <summary>Referrals from a case's page: issued once with their event in the outbox, refused when wrong, answered by the agency.</summary>
[Collection(GatewayOnSharedBroker.Name)]
public sealed class CaseReferralsTests
{
    private const string Child = "150315501231";

    private static async Task<(StaffGateway Gateway, HttpClient Secretary, string CasePath)> ArrangeAsync()
    {
        var gateway = await StartWithTwoCommissionsAsync();
        await gateway.Services.GetRequiredService<ProfileProjection>().ApplyAsync(
            [ProfileProjectionTests.Event(new InjuryRecorded { Icd10 = "T74.1", SuspectedAbuse = true }, SourceAgencies.Health, "med-1", 1, "Абаев")],
            CancellationToken.None);
        var secretary = await gateway.SignedInAsync("secretary.almaty");
        var opened = await SubmitAsync(secretary, "/", "/cases", ("iin", Child), ("signal", "violence-suspected"));
        return (gateway, secretary, opened.Headers.Location!.OriginalString);
    }

    private static string Today(int plusDays) =>
        WorkingCalendar.Kazakhstan.LocalDate(DateTimeOffset.UtcNow).AddDays(plusDays).ToString("yyyy-MM-dd");

    private static async Task<HttpResponseMessage> ReferAsync(HttpClient secretary, string casePath, string referralId, string agency, string task, string dueOn)
    {
        var page = await (await secretary.GetAsync(casePath)).Content.ReadAsStringAsync();
        var token = Platform.Testing.StaffSessions.AntiforgeryTokenIn(page);
        return await secretary.PostAsync($"{casePath}/referrals", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["referral"] = referralId, ["agency"] = agency, ["task"] = task, ["dueOn"] = dueOn, ["__RequestVerificationToken"] = token,
        }));
    }

    [Fact]
    public async Task A_referral_posted_twice_is_issued_once_with_its_event_and_the_agencys_answers_show_on_the_case()
    {
        var (gateway, secretary, casePath) = await ArrangeAsync();
        await using var _ = gateway;
        var page = await (await secretary.GetAsync(casePath)).Content.ReadAsStringAsync();
        Assert.Contains("id=\"no-referrals\"", page);
        var formId = Platform.Testing.StaffSessions.HiddenFieldIn(page, "referral");

        var first = await ReferAsync(secretary, casePath, formId, SourceAgencies.Health, "Осмотр педиатра и заключение", Today(10));
        var again = await ReferAsync(secretary, casePath, formId, SourceAgencies.Health, "Осмотр педиатра и заключение", Today(10));
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (first.StatusCode, again.StatusCode));

        var issued = Assert.Single(await gateway.OutboxEventsAsync<ReferralIssued>());
        Assert.Equal((Guid.Parse(formId), SourceAgencies.Health, Child, "751110000", "Осмотр педиатра и заключение"),
            (issued.ReferralId, issued.TargetAgency, issued.Iin, issued.Kato, issued.Task));
        Assert.Equal(ReferralRules.DueAt(DateOnly.Parse(Today(10)), WorkingCalendar.Kazakhstan), issued.DueAt);
        page = await (await secretary.GetAsync(casePath)).Content.ReadAsStringAsync();
        Assert.Contains($"data-referral=\"{formId}\" data-state=\"issued\"", page);
        Assert.Contains("data-clock=\"Acknowledge\" data-clock-state=\"Running\"", page);
        Assert.Single(Regex.Matches(page, "<tr data-kind=\"referral\""));

        var referrals = gateway.Services.GetRequiredService<CaseReferrals>();
        var acknowledged = new ReferralAcknowledged
        {
            EventId = Guid.NewGuid(), ReferralId = issued.ReferralId, CaseId = issued.CaseId, Agency = SourceAgencies.Health, Iin = Child,
            AnsweredAt = DateTimeOffset.UtcNow, AcknowledgedBy = "Д-р Сейткали",
        };
        await referrals.RecordAnswerAsync(acknowledged, CancellationToken.None);
        await referrals.RecordAnswerAsync(acknowledged, CancellationToken.None);
        // Another agency cannot answer health's referral.
        await referrals.RecordAnswerAsync(new ReferralCompleted
        {
            EventId = Guid.NewGuid(), ReferralId = issued.ReferralId, CaseId = issued.CaseId, Agency = SourceAgencies.Social, Iin = Child,
            AnsweredAt = DateTimeOffset.UtcNow, Outcome = "Не наше",
        }, CancellationToken.None);
        await referrals.RecordAnswerAsync(new ReferralCompleted
        {
            EventId = Guid.NewGuid(), ReferralId = issued.ReferralId, CaseId = issued.CaseId, Agency = SourceAgencies.Health, Iin = Child,
            AnsweredAt = DateTimeOffset.UtcNow, Outcome = "Осмотрен, направлен к неврологу",
        }, CancellationToken.None);

        page = await (await secretary.GetAsync(casePath)).Content.ReadAsStringAsync();
        Assert.Contains($"data-referral=\"{formId}\" data-state=\"completed\"", page);
        Assert.Contains("Д-р Сейткали", page);
        Assert.Contains("Осмотрен, направлен к неврологу", page);
        Assert.DoesNotContain("Не наше", page);
        Assert.Single(Regex.Matches(page, "<tr data-kind=\"referral-acknowledged\""));
        Assert.Single(Regex.Matches(page, "<tr data-kind=\"referral-completed\""));
        Assert.Contains("data-clock=\"ReportBack\" data-clock-state=\"MetOnTime\"", page);
    }

    [Theory]
    [InlineData("police", "Проверить семью", 5, HttpStatusCode.Conflict, "Такого ведомства нет")]
    [InlineData("health", "  ", 5, HttpStatusCode.Conflict, "Опишите поручение")]
    [InlineData("health", "Осмотр", -1, HttpStatusCode.Conflict, "Срок исполнения уже прошёл")]
    [InlineData("health", "Осмотр", 400, HttpStatusCode.Conflict, "не позднее чем через год")]
    public async Task A_wrong_referral_is_refused_on_the_page_and_nothing_is_issued(string agency, string task, int dueInDays, HttpStatusCode status, string message)
    {
        var (gateway, secretary, casePath) = await ArrangeAsync();
        await using var _ = gateway;

        var refused = await ReferAsync(secretary, casePath, Guid.NewGuid().ToString(), agency, task, Today(dueInDays));

        Assert.Equal(status, refused.StatusCode);
        Assert.Contains(message, await refused.Content.ReadAsStringAsync());
        Assert.Empty(await gateway.OutboxEventsAsync<ReferralIssued>());
        var noDate = await ReferAsync(secretary, casePath, Guid.NewGuid().ToString(), "health", "Осмотр", "13.12.2026");
        Assert.Equal(HttpStatusCode.BadRequest, noDate.StatusCode);
        var astana = await gateway.SignedInAsync("secretary.astana");
        // Another commission's referral on this case: the case is not its to know of.
        Assert.Equal(HttpStatusCode.NotFound, (await ReferAsync(astana, casePath, Guid.NewGuid().ToString(), "health", "Осмотр", Today(5))).StatusCode);
        Assert.Empty(await gateway.OutboxEventsAsync<ReferralIssued>());
    }
}
