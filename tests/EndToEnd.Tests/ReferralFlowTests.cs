using Platform.Testing;
using Platform.Contracts.IntegrationEvents;
using Platform.Contracts.Referrals.V1;
using Grpc.Core;

namespace Platform.EndToEnd.Tests;

/// <summary>A commission's referral reaches the agency it is addressed to, and the agency's answers come back on the bus.</summary>
[Collection(SharedPlatformCollection.Name)]
public sealed class ReferralFlowTests(PlatformFixture platform)
{
    private ReferralInbox.ReferralInboxClient Inbox(string agency) => new(platform.App.CreateGrpcChannel(agency, $"{agency}-national"));

    private static ReferralIssued Issue(string agency, string kato = "751110000") => new()
    {
        EventId = Guid.NewGuid(), ReferralId = Guid.NewGuid(), CaseId = $"case-{Guid.NewGuid():N}", TargetAgency = agency,
        Iin = "150315501231", Kato = kato, Task = "Оценить условия проживания ребёнка и семьи",
        DueAt = DateTimeOffset.UtcNow.AddDays(14), IssuedAt = DateTimeOffset.UtcNow, IssuedBy = "КДНЗП Алмалинского района г. Алматы",
    };

    [Fact]
    public async Task A_referral_is_stored_once_by_its_agency_only_and_its_acknowledgement_and_completion_are_published()
    {
        await using var bus = await TestBus.StartAsync(await platform.Platform.ConnectionStringAsync("messaging"), typeof(ReferralAcknowledged), typeof(ReferralCompleted));
        var referral = Issue(SourceAgencies.Social);
        await bus.PublishAsync(referral);
        await bus.PublishAsync(referral with { EventId = Guid.NewGuid() });
        var social = Inbox("social");

        var listed = await ReferralInboxCalls.WaitUntilListedAsync(social, referral.ReferralId);
        Assert.Equal((ReferralStatus.Received, referral.CaseId, referral.Task), (listed.Status, listed.CaseId, listed.Task));
        var onlyReceived = new ListReferralsRequest { Statuses = { ReferralStatus.Received }, Kato = "750000000", PageSize = 500 };
        Assert.NotNull(await ReferralInboxCalls.FindAsync(social, referral.ReferralId, onlyReceived));
        Assert.Null(await ReferralInboxCalls.FindAsync(social, referral.ReferralId, new ListReferralsRequest { Kato = "710000000" }));
        Assert.Null(await ReferralInboxCalls.FindAsync(Inbox("health"), referral.ReferralId));

        var id = referral.ReferralId.ToString();
        var acknowledged = await social.AcknowledgeAsync(new() { ReferralId = id, AcknowledgedBy = "Ж. Нурланова" });
        Assert.Equal(ReferralStatus.Acknowledged, acknowledged.Status);
        var completed = await social.CompleteAsync(new() { ReferralId = id, Outcome = "Семья посещена, назначена социальная помощь" });
        Assert.Equal((ReferralStatus.Completed, "Семья посещена, назначена социальная помощь"), (completed.Status, completed.Outcome));
        // A client retrying after a lost reply gets the same answer and publishes nothing more.
        await social.CompleteAsync(new() { ReferralId = id, Outcome = "Семья посещена, назначена социальная помощь" });

        var acknowledgedEvent = await bus.WaitForAsync<ReferralAcknowledged>(e => e.ReferralId == referral.ReferralId);
        Assert.Equal((referral.CaseId, SourceAgencies.Social, "Ж. Нурланова"), (acknowledgedEvent.CaseId, acknowledgedEvent.Agency, acknowledgedEvent.AcknowledgedBy));
        var completedEvent = await bus.WaitForAsync<ReferralCompleted>(e => e.ReferralId == referral.ReferralId);
        Assert.Equal("Семья посещена, назначена социальная помощь", completedEvent.Outcome);
        await Task.Delay(1000);
        Assert.Single(bus.Received.OfType<ReferralCompleted>(), e => e.ReferralId == referral.ReferralId);
        Assert.Equal(1, await CountStoredAsync("social-db", referral.ReferralId));
    }

    [Fact]
    public async Task Wrong_transitions_and_bad_requests_are_refused_and_change_nothing()
    {
        await using var bus = await TestBus.StartAsync(await platform.Platform.ConnectionStringAsync("messaging"));
        var referral = Issue(SourceAgencies.Education);
        await bus.PublishAsync(referral);
        var education = Inbox("education");
        await ReferralInboxCalls.WaitUntilListedAsync(education, referral.ReferralId);
        var id = referral.ReferralId.ToString();

        var invalid = await Assert.ThrowsAsync<RpcException>(() =>
            education.CompleteAsync(new() { ReferralId = "not-a-uuid", Outcome = " " }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Equal(["referral_id", "outcome"], GrpcCalls.FieldViolationsOf(invalid));

        var unknown = await Assert.ThrowsAsync<RpcException>(() =>
            education.AcknowledgeAsync(new() { ReferralId = Guid.NewGuid().ToString(), AcknowledgedBy = "x" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);

        var badQuery = await Assert.ThrowsAsync<RpcException>(() =>
            education.ListAsync(new() { Kato = "12", PageSize = 10_000, PageToken = "x" }).ResponseAsync);
        Assert.Equal(["kato", "page_size", "page_token"], GrpcCalls.FieldViolationsOf(badQuery));

        await education.CompleteAsync(new() { ReferralId = id, Outcome = "Ребёнок зачислен в школу" });
        var late = await Assert.ThrowsAsync<RpcException>(() =>
            education.AcknowledgeAsync(new() { ReferralId = id, AcknowledgedBy = "Завуч" }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, late.StatusCode);
        var changed = await Assert.ThrowsAsync<RpcException>(() =>
            education.CompleteAsync(new() { ReferralId = id, Outcome = "Другой итог" }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, changed.StatusCode);

        var stored = await ReferralInboxCalls.FindAsync(education, referral.ReferralId);
        Assert.Equal((ReferralStatus.Completed, "Ребёнок зачислен в школу", ""), (stored!.Status, stored.Outcome, stored.AcknowledgedBy));
    }

    private async Task<long> CountStoredAsync(string database, Guid referralId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(await platform.Platform.ConnectionStringAsync(database));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM platform.referrals WHERE referral_id = $1", connection);
        command.Parameters.Add(new() { Value = referralId });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
