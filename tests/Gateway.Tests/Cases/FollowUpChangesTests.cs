using Platform.Gateway.Cases.FollowUp;

namespace Platform.Gateway.Tests.Cases;

public sealed class FollowUpChangesTests
{
    private static readonly DateOnly Deadline = new(2026, 12, 9);
    private static readonly FollowUpSchedule Schedule = FollowUpSchedule.Default;

    private static ClockReading Clock(ClockState state, int level = 0, ClockKind kind = ClockKind.Acknowledge) => new(kind, Deadline, state, level, null);

    [Fact]
    public void A_warning_is_told_once_when_a_running_clock_nears_its_deadline()
    {
        Assert.Equal([new FollowUpChange(ClockKind.Acknowledge, Deadline, FollowUpChangeKind.Warned)],
            FollowUpChanges.Between([Clock(ClockState.Running)], [Clock(ClockState.Warned)], Schedule));
        Assert.Empty(FollowUpChanges.Between([Clock(ClockState.Warned)], [Clock(ClockState.Warned)], Schedule));
    }

    [Fact]
    public void After_downtime_the_first_look_tells_the_overdue_and_every_level_it_missed_in_order()
    {
        var changes = FollowUpChanges.Between([Clock(ClockState.Running)], [Clock(ClockState.Overdue, level: 3)], Schedule);

        Assert.Equal(
        [
            new FollowUpChange(ClockKind.Acknowledge, Deadline, FollowUpChangeKind.Overdue),
            new FollowUpChange(ClockKind.Acknowledge, Deadline, FollowUpChangeKind.Escalated, 1, EscalationTarget.ResponsibleMember),
            new FollowUpChange(ClockKind.Acknowledge, Deadline, FollowUpChangeKind.Escalated, 2, EscalationTarget.CommissionChair),
            new FollowUpChange(ClockKind.Acknowledge, Deadline, FollowUpChangeKind.Escalated, 3, EscalationTarget.HigherCommission),
        ], changes);
    }

    [Fact]
    public void An_overdue_clock_climbing_one_level_tells_only_that_level_and_an_answer_tells_nothing()
    {
        Assert.Equal([new FollowUpChange(ClockKind.Act, Deadline, FollowUpChangeKind.Escalated, 4, EscalationTarget.AgencyTerritorialOffice)],
            FollowUpChanges.Between([Clock(ClockState.Overdue, 3, ClockKind.Act)], [Clock(ClockState.Overdue, 4, ClockKind.Act)], Schedule));
        Assert.Empty(FollowUpChanges.Between([Clock(ClockState.Overdue, 2)], [Clock(ClockState.MetLate)], Schedule));
        Assert.Empty(FollowUpChanges.Between([], [Clock(ClockState.Running)], Schedule));
    }

    [Fact]
    public void Attention_is_the_worst_of_the_clocks()
    {
        Assert.Equal(FollowUpAttention.None, FollowUpChanges.AttentionOf([Clock(ClockState.Running), Clock(ClockState.MetLate)]));
        Assert.Equal(FollowUpAttention.Warned, FollowUpChanges.AttentionOf([Clock(ClockState.Warned), Clock(ClockState.MetOnTime)]));
        Assert.Equal(FollowUpAttention.Overdue, FollowUpChanges.AttentionOf([Clock(ClockState.Overdue), Clock(ClockState.Warned)]));
    }
}
