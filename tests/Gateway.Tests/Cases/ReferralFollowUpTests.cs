using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Contracts.IntegrationEvents;
using Platform.Contracts.Territory;
using Platform.Gateway.Cases.FollowUp;
using Platform.Gateway.Cases.Referrals;
using Platform.Gateway.Profiles;
using Platform.Gateway.Staff;
using Platform.Testing;
using static Platform.Gateway.Tests.StaffGateway;

namespace Platform.Gateway.Tests.Cases;

/// <summary>A referral left unanswered, on a clock the test moves: warned, overdue, escalated up to the commission above.</summary>
[Collection(GatewayOnSharedBroker.Name)]
public sealed class ReferralFollowUpTests
{
    private const string Child = "150315501231";
    private static readonly DateTimeOffset MondayMorning = new(2026, 12, 7, 4, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly DueThursday = new(2026, 12, 10);

    [Fact]
    public async Task An_unanswered_referral_is_warned_then_overdue_and_escalates_level_by_level_by_itself_once_each()
    {
        var clock = new FakeTimeProvider(MondayMorning);
        await using var gateway = await StartWithTwoCommissionsAsync(services => services.AddSingleton<TimeProvider>(clock));
        await gateway.CreateAccountAsync("member.almaty.region", StaffRole.CommissionMember,
            StaffScope.Commission(CommissionLevel.Region, Kato.Parse("750000000")));
        var (secretary, casePath) = await gateway.OpenAlmatyCaseOnInjuryAsync();
        var page = await (await secretary.GetAsync(casePath)).Content.ReadAsStringAsync();
        var referralId = Platform.Testing.StaffSessions.HiddenFieldIn(page, "referral");
        await SubmitAsync(secretary, casePath, $"{casePath}/referrals",
            ("referral", referralId), ("agency", "health"), ("task", "Осмотр педиатра"), ("dueOn", DueThursday.ToString("yyyy-MM-dd")));
        var referrals = gateway.Services.GetRequiredService<CaseReferrals>();
        Assert.Empty(await gateway.OutboxEventsAsync<ReferralWarned>());

        // Tuesday: the acknowledgement is due tomorrow.
        clock.SetUtcNow(MondayMorning.AddDays(1).AddHours(1));
        await referrals.FollowUpDueAsync(CancellationToken.None);
        // The Gateway's own follow-up service woke on the moved clock too, and may hold the referral a moment longer.
        var warned = Assert.Single(await Eventually.Async(gateway.OutboxEventsAsync<ReferralWarned>, events => events.Count > 0));
        Assert.Equal((Guid.Parse(referralId), "acknowledge", new DateOnly(2026, 12, 9), "751110000"), (warned.ReferralId, warned.Clock, warned.Deadline, warned.Kato));
        secretary = await gateway.SignedInAsync("secretary.almaty");
        Assert.Contains("data-attention=\"warned\"", await (await secretary.GetAsync("/")).Content.ReadAsStringAsync());

        // Ten days later nobody has answered; the Gateway was away meanwhile, and two of them look at once.
        var later = MondayMorning.AddDays(10).AddHours(1);
        clock.SetUtcNow(later);
        await Task.WhenAll(referrals.FollowUpDueAsync(CancellationToken.None), referrals.FollowUpDueAsync(CancellationToken.None));
        var expected = ReferralClocks.Read(new ReferralProgress(MondayMorning, DueThursday, null, null, null), later,
            WorkingCalendar.Kazakhstan, FollowUpSchedule.Default).Where(c => c.State == ClockState.Overdue).ToList();
        Assert.Contains(expected, c => c.Kind == ClockKind.Acknowledge && c.EscalationLevel >= 3);
        var overdue = await Eventually.Async(gateway.OutboxEventsAsync<ReferralOverdue>, events => events.Count >= expected.Count);
        Assert.Equal(0, await referrals.FollowUpDueAsync(CancellationToken.None));
        var escalated = await gateway.OutboxEventsAsync<ReferralEscalated>();
        Assert.Equal(expected.Select(c => c.Kind.ToString()).Order(), overdue.Select(e => e.Clock.Replace("_", "")).Order(), StringComparer.OrdinalIgnoreCase);
        foreach (var reading in expected)
            Assert.Equal(Enumerable.Range(1, reading.EscalationLevel),
                escalated.Where(e => string.Equals(e.Clock.Replace("_", ""), reading.Kind.ToString(), StringComparison.OrdinalIgnoreCase)).Select(e => e.Level));
        Assert.Contains(escalated, e => e is { Clock: "acknowledge", Level: 3, EscalatedTo: "HigherCommission" });

        secretary = await gateway.SignedInAsync("secretary.almaty");
        var queue = await (await secretary.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains("data-attention=\"overdue\"", queue);
        page = await (await secretary.GetAsync(casePath)).Content.ReadAsStringAsync();
        Assert.Equal(escalated.Count, System.Text.RegularExpressions.Regex.Count(page, "<tr data-kind=\"follow-up-escalated\""));
        var region = await gateway.SignedInAsync("member.almaty.region");
        Assert.Contains("id=\"escalated-to-us\"", await (await region.GetAsync("/")).Content.ReadAsStringAsync());
        var astana = await gateway.SignedInAsync("secretary.astana");
        Assert.DoesNotContain("id=\"escalated-to-us\"", await (await astana.GetAsync("/")).Content.ReadAsStringAsync());

        // The agency answers at last: nothing needs attention, and the statistics count it as late.
        await referrals.RecordAnswerAsync(new ReferralCompleted
        {
            EventId = Guid.NewGuid(), ReferralId = Guid.Parse(referralId), CaseId = casePath.Split('/')[^1], Agency = SourceAgencies.Health, Iin = Child,
            AnsweredAt = later, Outcome = "Осмотрен",
        }, CancellationToken.None);
        queue = await (await secretary.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("data-attention=", queue);
        Assert.Contains("data-agency=\"health\" data-territory=\"751110000\"", queue);
        Assert.Contains("<td class=\"number\" data-field=\"overdue-now\">0</td>", queue);
        var statistics = Assert.Single(await gateway.Services.GetRequiredService<ReferralStatistics>().OfTerritoryAsync(Kato.Parse("751110000"), CancellationToken.None));
        Assert.Equal((1, 1, 0, 0.0), (statistics.Issued, statistics.Decided, statistics.OnTime, statistics.OnTimeShare));
    }
}
