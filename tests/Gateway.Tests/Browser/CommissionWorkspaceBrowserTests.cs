using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Platform.Contracts.IntegrationEvents;
using Platform.Gateway.Cases.FollowUp;
using Platform.Gateway.Cases.Referrals;
using Platform.Gateway.Profiles;

namespace Platform.Gateway.Tests.Browser;

/// <summary>
/// The secretary's path in Chromium, on the Gateway alone: the work queue shows a new signal, she opens the child,
/// opens a case from the signal and refers a task to health; the agency's answers (delivered to the Gateway as the
/// bus would, the whole platform's path is EndToEnd's CaseReferralFlowTests) show on the case, and a later record
/// alerts it until she marks it seen. Then the same pages in Kazakh and English.
/// </summary>
[Collection(GatewayOnSharedBroker.Name)]
public sealed class CommissionWorkspaceBrowserTests
{
    private const string Child = "150315501231";

    private static T InAstana<T>(T recordEvent) where T : AgencyRecordEvent => recordEvent with { Region = "711210000" };

    [Fact]
    public async Task A_secretary_walks_from_a_signal_to_an_answered_referral_and_an_alert_in_russian_then_kazakh_and_english()
    {
        await using var gateway = await GatewayInChromium.StartAsync();
        var projection = gateway.Services.GetRequiredService<ProfileProjection>();
        await projection.ApplyAsync(
        [
            InAstana(ProfileProjectionTests.Event(new RehabilitationCourseRecorded
            {
                System = "health", CourseType = "MedicalRehabilitation", StartDate = new(2026, 9, 1), EndDate = new(2026, 11, 30),
            }, SourceAgencies.Health, "rehab-1", 1, "Абаев")),
            InAstana(ProfileProjectionTests.Event(new SocialServiceRecorded
            {
                ServiceType = "SocialRehabilitation", StartDate = new(2026, 10, 1), EndDate = new(2026, 12, 31),
            }, SourceAgencies.Social, "srv-1", 1, "Абаев")),
        ], CancellationToken.None);
        var page = await gateway.NewPageAsync();
        var policyViolations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) policyViolations.Add(message.Text);
        };
        await gateway.SignInAsync(page, "secretary.astana");

        var row = page.Locator($"#new-signals tr[data-iin='{Child}']");
        await Assertions.Expect(row.Locator("[data-signal=rehabilitation-duplicated]")).ToBeVisibleAsync();
        await row.Locator($"a[href='/children/{Child}']").ClickAsync();
        await Assertions.Expect(page.Locator("#route-chart rect.overlap")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#signals tr[data-signal=rehabilitation-duplicated]")).ToBeVisibleAsync();
        await page.ClickAsync("#open-case button");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Дело 1/\d{4}$"));

        var today = WorkingCalendar.Kazakhstan.LocalDate(DateTimeOffset.UtcNow);
        await page.SelectOptionAsync("#refer select[name=agency]", "health");
        await page.FillAsync("#refer textarea[name=task]", "Заключение о продолжении медицинской реабилитации");
        await page.FillAsync("#refer input[name=dueOn]", today.AddDays(10).ToString("yyyy-MM-dd"));
        await page.ClickAsync("#refer button");
        var referral = page.Locator("#referrals tr[data-referral]");
        await Assertions.Expect(referral).ToHaveAttributeAsync("data-state", "issued");
        var referralId = Guid.Parse((await referral.GetAttributeAsync("data-referral"))!);
        var caseId = page.Url.Split('/')[^1];

        var referrals = gateway.Services.GetRequiredService<CaseReferrals>();
        await referrals.RecordAnswerAsync(new ReferralAcknowledged
        {
            EventId = Guid.NewGuid(), ReferralId = referralId, CaseId = caseId, Agency = SourceAgencies.Health, Iin = Child,
            AnsweredAt = DateTimeOffset.UtcNow, AcknowledgedBy = "Д-р Сейткали",
        }, CancellationToken.None);
        await referrals.RecordAnswerAsync(new ReferralCompleted
        {
            EventId = Guid.NewGuid(), ReferralId = referralId, CaseId = caseId, Agency = SourceAgencies.Health, Iin = Child,
            AnsweredAt = DateTimeOffset.UtcNow, Outcome = "Курс продлён до конца года",
        }, CancellationToken.None);
        await projection.ApplyAsync([InAstana(ProfileProjectionTests.Event(new InjuryRecorded { Icd10 = "S52.5", SuspectedAbuse = true },
            SourceAgencies.Health, "inj-1", 1, "Абаев"))], CancellationToken.None);
        await page.ReloadAsync();
        await Assertions.Expect(referral).ToHaveAttributeAsync("data-state", "completed");
        await Assertions.Expect(referral.Locator("[data-field=outcome]")).ToContainTextAsync("Курс продлён до конца года");
        var unseen = page.Locator("#alerts tr[data-seen=no]");
        await Assertions.Expect(unseen.First).ToHaveAttributeAsync("data-risk", "1");
        var alerts = await unseen.CountAsync();
        await unseen.First.Locator("button").ClickAsync();
        await Assertions.Expect(page.Locator("#alerts tr[data-seen=no]")).ToHaveCountAsync(alerts - 1);

        await page.ClickAsync("header >> text=KK");
        await Assertions.Expect(page.Locator("h2").First).ToHaveTextAsync("Хабарламалар");
        await Assertions.Expect(referral).ToContainTextAsync("орындалды");
        await page.ClickAsync("header >> text=EN");
        await Assertions.Expect(page.Locator("#referrals")).ToContainTextAsync("completed");
        await page.ClickAsync($"a[href='/children/{Child}']");
        await Assertions.Expect(page.Locator("#route-overlaps")).ToContainTextAsync("Rehabilitation in two systems at once");
        Assert.Empty(policyViolations);
    }
}
