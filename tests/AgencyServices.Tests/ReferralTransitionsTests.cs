using Platform.Contracts.IntegrationEvents;
using Platform.AgencyServices.Referrals;

namespace Platform.AgencyServices.Tests;

public sealed class ReferralTransitionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static readonly Referral Received = new(
        Guid.NewGuid(), 1, "case-1", "150315501231", "751110000", "Home visit by a social worker", Now.AddDays(10), Now.AddDays(-1),
        "КДНЗП Алмалинского района", Now.AddHours(-20), ReferralStatus.Received);

    [Fact]
    public void A_received_referral_is_acknowledged_by_whoever_takes_it()
    {
        var next = Assert.IsType<ReferralTransitions.Changed>(ReferralTransitions.Acknowledge(Received, "А. Сейткали", Now)).Next;
        Assert.Equal((ReferralStatus.Acknowledged, "А. Сейткали", Now), (next.Status, next.AcknowledgedBy, next.AcknowledgedAt));
    }

    [Fact]
    public void Acknowledging_again_by_the_same_person_changes_nothing_and_by_another_is_refused()
    {
        var acknowledged = Received with { Status = ReferralStatus.Acknowledged, AcknowledgedBy = "А. Сейткали", AcknowledgedAt = Now };
        Assert.IsType<ReferralTransitions.AlreadyDone>(ReferralTransitions.Acknowledge(acknowledged, "А. Сейткали", Now.AddHours(1)));
        var refused = Assert.IsType<ReferralTransitions.Refused>(ReferralTransitions.Acknowledge(acknowledged, "Б. Омаров", Now.AddHours(1)));
        Assert.Contains("already acknowledged by А. Сейткали", refused.Reason);
    }

    [Theory]
    [InlineData(ReferralStatus.Received)]
    [InlineData(ReferralStatus.Acknowledged)]
    public void A_referral_not_yet_completed_is_completed_with_its_outcome(ReferralStatus status)
    {
        var next = Assert.IsType<ReferralTransitions.Changed>(ReferralTransitions.Complete(Received with { Status = status }, "Visited; family referred to a crisis centre", Now)).Next;
        Assert.Equal((ReferralStatus.Completed, "Visited; family referred to a crisis centre", Now), (next.Status, next.Outcome, next.CompletedAt));
    }

    [Fact]
    public void A_completed_referral_cannot_be_acknowledged_or_completed_differently_but_a_repeat_is_no_change()
    {
        var completed = Received with { Status = ReferralStatus.Completed, Outcome = "Done", CompletedAt = Now };
        Assert.IsType<ReferralTransitions.Refused>(ReferralTransitions.Acknowledge(completed, "А. Сейткали", Now));
        Assert.IsType<ReferralTransitions.Refused>(ReferralTransitions.Complete(completed, "Something else", Now));
        Assert.IsType<ReferralTransitions.AlreadyDone>(ReferralTransitions.Complete(completed, "Done", Now));
    }

    [Fact]
    public void An_incoming_referral_with_a_bad_iin_territory_or_empty_task_names_each_problem()
    {
        var referral = new ReferralIssued
        {
            EventId = Guid.NewGuid(), ReferralId = Guid.NewGuid(), CaseId = "case-1", TargetAgency = SourceAgencies.Social,
            Iin = "150315501232", Kato = "990000000", Task = " ", DueAt = Now, IssuedAt = Now, IssuedBy = "КДНЗП",
        };
        var problems = ReferralIssuedConsumer.Problems(referral).ToList();
        Assert.Equal(3, problems.Count);
        Assert.StartsWith("iin:", problems[0]);
        Assert.StartsWith("kato:", problems[1]);
        Assert.Equal("task is empty", problems[2]);
        Assert.Empty(ReferralIssuedConsumer.Problems(referral with { Iin = "150315501231", Kato = "751110000", Task = "Visit" }));
    }
}
