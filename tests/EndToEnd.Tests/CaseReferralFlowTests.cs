using System.Net;
using System.Text.RegularExpressions;
using Google.Protobuf.WellKnownTypes;
using Platform.Contracts.Health.V1;
using Platform.Contracts.Records.V1;
using Platform.Contracts.Referrals.V1;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The commission's path across the whole platform: a health record raises a signal in the demo secretary's district,
/// she opens a case and refers a task to health from its page, the health system finds the referral in its inbox over
/// gRPC and answers it, the answers come back onto the case, and a later correction by the hospital alerts the case.
/// </summary>
[Collection(SharedPlatformCollection.Name)]
public sealed class CaseReferralFlowTests(PlatformFixture platform)
{
    private static readonly string Child = TestIins.Valid("1407206", 17);

    private async Task SubmitInjuryAsync(int version, bool suspectedAbuse)
    {
        var health = new HealthRecords.HealthRecordsClient(platform.App.CreateGrpcChannel("health", "health-national"));
        await health.SubmitAsync(new HealthRecord
        {
            Header = new RecordHeader
            {
                SourceRecordId = $"case-flow-{Child}", Version = version, Iin = Child, Kato = "711210000", OrganizationId = "city-hospital-2",
                OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)), LastName = "Жумабекова", FirstName = "Аружан",
            },
            Injury = new Injury { Icd10 = "T74.1", SuspectedAbuse = suspectedAbuse },
        });
    }

    private static async Task<string> UntilAsync(HttpClient staff, string path, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var page = await staff.GetStringAsync(path);
            if (page.Contains(expected)) return page;
            Assert.True(DateTime.UtcNow < deadline, $"{path} never showed {expected}.");
            await Task.Delay(300);
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient staff, string page, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = StaffSessions.AntiforgeryTokenIn(await staff.GetStringAsync(page));
        return await staff.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task A_referral_issued_from_a_case_reaches_the_agencys_inbox_and_its_answers_come_back_onto_the_case()
    {
        await SubmitInjuryAsync(version: 1, suspectedAbuse: true);
        using var secretary = await platform.App.SignInStaffAsync("secretary.astana");
        await UntilAsync(secretary, "/", $"data-iin=\"{Child}\"");

        var opened = await PostAsync(secretary, "/", "/cases", new() { ["iin"] = Child, ["signal"] = "violence-suspected" });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var casePath = opened.Headers.Location!.OriginalString;
        var referralId = StaffSessions.HiddenFieldIn(await secretary.GetStringAsync(casePath), "referral");
        var dueOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(14)).ToString("yyyy-MM-dd");
        var referred = await PostAsync(secretary, casePath, $"{casePath}/referrals",
            new() { ["referral"] = referralId, ["agency"] = "health", ["task"] = "Осмотр педиатра и психолога", ["dueOn"] = dueOn });
        Assert.Equal(HttpStatusCode.Redirect, referred.StatusCode);

        var inbox = new ReferralInbox.ReferralInboxClient(platform.App.CreateGrpcChannel("health", "health-national"));
        var listed = await ReferralInboxCalls.WaitUntilListedAsync(inbox, Guid.Parse(referralId));
        Assert.Equal((Child, "711210000", "Осмотр педиатра и психолога", ReferralStatus.Received), (listed.Iin, listed.Kato, listed.Task, listed.Status));
        await inbox.AcknowledgeAsync(new() { ReferralId = referralId, AcknowledgedBy = "Д-р Сейткали" });
        await UntilAsync(secretary, casePath, $"data-referral=\"{referralId}\" data-state=\"acknowledged\"");
        await inbox.CompleteAsync(new() { ReferralId = referralId, Outcome = "Осмотрена, назначена консультация психолога" });

        var page = await UntilAsync(secretary, casePath, $"data-referral=\"{referralId}\" data-state=\"completed\"");
        Assert.Contains("Д-р Сейткали", page);
        Assert.Contains("Осмотрена, назначена консультация психолога", page);
        Assert.Contains("data-clock=\"Act\" data-clock-state=\"MetOnTime\"", page);
        Assert.Single(Regex.Matches(page, "<tr data-kind=\"referral-completed\""));

        // The hospital corrects its record while the case is open: the case hears of it by itself.
        Assert.Contains("id=\"no-alerts\"", page);
        await SubmitInjuryAsync(version: 2, suspectedAbuse: false);
        page = await UntilAsync(secretary, casePath, "data-seen=\"no\"");
        Assert.Contains("исправление записи", page);
    }
}
