using Platform.Contracts.IntegrationEvents;
using Platform.Gateway.Cases;
using Platform.Gateway.Cases.FollowUp;
using Platform.Gateway.Cases.Referrals;

namespace Platform.Gateway.Tests.Cases;

public sealed class ReferralRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);
    private static readonly DateTimeOffset IssuedAt = new(2026, 12, 3, 6, 0, 0, TimeSpan.Zero);

    private static NewReferral Referral(string agency = SourceAgencies.Health, string task = "Осмотр педиатра", int dueInDays = 10) =>
        new(Guid.NewGuid(), agency, task, Today.AddDays(dueInDays));

    [Fact]
    public void A_referral_needs_a_known_agency_a_task_and_a_due_day_from_today_to_a_year_ahead()
    {
        Assert.Null(ReferralRules.Check(Referral(), Today));
        Assert.Null(ReferralRules.Check(Referral(dueInDays: 0), Today));
        Assert.Equal(CaseProblem.AgencyUnknown, ReferralRules.Check(Referral(agency: "police"), Today));
        Assert.Equal(CaseProblem.TaskEmpty, ReferralRules.Check(Referral(task: "  "), Today));
        Assert.Equal(CaseProblem.TaskTooLong, ReferralRules.Check(Referral(task: new string('а', ReferralRules.MaximumTaskLength + 1)), Today));
        Assert.Equal(CaseProblem.DueDateInPast, ReferralRules.Check(Referral(dueInDays: -1), Today));
        Assert.Equal(CaseProblem.DueDateTooFar, ReferralRules.Check(Referral(dueInDays: ReferralRules.MaximumDaysAhead + 1), Today));
        Assert.Equal(CaseProblem.StaleForm, ReferralRules.Check(Referral() with { Id = Guid.Empty }, Today));
    }

    [Fact]
    public void A_due_day_ends_at_its_last_second_in_astana() =>
        Assert.Equal(new DateTimeOffset(2026, 12, 13, 23, 59, 59, TimeSpan.FromHours(5)), ReferralRules.DueAt(Today.AddDays(10), WorkingCalendar.Kazakhstan));

    private static CaseReferral Issued() =>
        new(Guid.NewGuid(), Guid.NewGuid(), SourceAgencies.Health, "Осмотр педиатра", Today.AddDays(10), IssuedAt, "secretary", ReferralState.Issued);

    private static ReferralAcknowledged Acknowledged(CaseReferral referral, DateTimeOffset at) => new()
    {
        EventId = Guid.NewGuid(), ReferralId = referral.Id, CaseId = referral.CaseId.ToString(), Agency = referral.Agency, Iin = "150315501231",
        AnsweredAt = at, AcknowledgedBy = "Д-р Сейткали",
    };

    private static ReferralCompleted Completed(CaseReferral referral, DateTimeOffset at) => new()
    {
        EventId = Guid.NewGuid(), ReferralId = referral.Id, CaseId = referral.CaseId.ToString(), Agency = referral.Agency, Iin = "150315501231",
        AnsweredAt = at, Outcome = "Осмотрен, направлен к неврологу",
    };

    [Fact]
    public void Answers_move_a_referral_on_once_and_a_redelivered_answer_changes_nothing()
    {
        var issued = Issued();
        var acknowledged = ReferralRules.Apply(issued, Acknowledged(issued, IssuedAt.AddDays(1)))!;
        Assert.Equal((ReferralState.Acknowledged, "Д-р Сейткали"), (acknowledged.State, acknowledged.AcknowledgedBy));
        Assert.Null(ReferralRules.Apply(acknowledged, Acknowledged(issued, IssuedAt.AddDays(2))));

        var completed = ReferralRules.Apply(acknowledged, Completed(issued, IssuedAt.AddDays(5)))!;
        Assert.Equal((ReferralState.Completed, "Осмотрен, направлен к неврологу", IssuedAt.AddDays(1)),
            (completed.State, completed.Outcome, completed.AcknowledgedAt));
        Assert.Null(ReferralRules.Apply(completed, Completed(issued, IssuedAt.AddDays(6))));
    }

    [Fact]
    public void An_acknowledgement_arriving_after_the_completion_keeps_its_time_and_the_referral_completed()
    {
        var issued = Issued();
        var completed = ReferralRules.Apply(issued, Completed(issued, IssuedAt.AddDays(5)))!;
        var late = ReferralRules.Apply(completed, Acknowledged(issued, IssuedAt.AddDays(1)))!;

        Assert.Equal((ReferralState.Completed, IssuedAt.AddDays(1)), (late.State, late.AcknowledgedAt));
        var clocks = ReferralClocks.Read(late.Progress, IssuedAt.AddDays(30), WorkingCalendar.Kazakhstan, FollowUpSchedule.Default);
        Assert.All(clocks, clock => Assert.Equal(ClockState.MetOnTime, clock.State));
    }
}
