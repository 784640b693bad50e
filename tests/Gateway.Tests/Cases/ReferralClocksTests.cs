using Platform.Gateway.Cases.FollowUp;

namespace Platform.Gateway.Tests.Cases;

public sealed class ReferralClocksTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Kazakhstan;
    private static readonly FollowUpSchedule Schedule = FollowUpSchedule.Default;

    // Issued on Wednesday 2 December 2026 at 10:00 in Astana, due on Friday 11 December.
    private static readonly DateTimeOffset Issued = At("2026-12-02T10:00");
    private static readonly ReferralProgress Fresh = new(Issued, new DateOnly(2026, 12, 11), null, null, null);

    private static DateTimeOffset At(string localTime) => new(DateTime.Parse(localTime), TimeSpan.FromHours(5));

    private static ClockReading Clock(ReferralProgress referral, DateTimeOffset now, ClockKind kind) =>
        ReferralClocks.Read(referral, now, Calendar, Schedule).Single(c => c.Kind == kind);

    [Fact]
    public void Each_clock_has_its_own_deadline_in_working_days()
    {
        var clocks = ReferralClocks.Read(Fresh, Issued, Calendar, Schedule);
        Assert.Equal(new DateOnly(2026, 12, 4), clocks.Single(c => c.Kind == ClockKind.Acknowledge).Deadline); // 2 working days
        Assert.Equal(new DateOnly(2026, 12, 11), clocks.Single(c => c.Kind == ClockKind.Act).Deadline);       // the due date
        // 3 working days after Friday 11 December: Monday 14th, Tuesday 15th, then 16 December is Independence Day.
        Assert.Equal(new DateOnly(2026, 12, 17), clocks.Single(c => c.Kind == ClockKind.ReportBack).Deadline);
        Assert.All(clocks, c => Assert.Equal(ClockState.Running, c.State));
    }

    [Fact]
    public void A_clock_warns_the_working_day_before_and_is_overdue_from_the_next_day_on_its_own()
    {
        var running = Clock(Fresh, At("2026-12-02T18:00"), ClockKind.Acknowledge);
        Assert.Equal(ClockState.Running, running.State);
        Assert.Equal(At("2026-12-03T00:00"), running.NextChangeAt);

        var warned = Clock(Fresh, At("2026-12-03T09:00"), ClockKind.Acknowledge);
        Assert.Equal(ClockState.Warned, warned.State);
        Assert.Equal(At("2026-12-05T00:00"), warned.NextChangeAt);

        var overdue = Clock(Fresh, At("2026-12-05T00:00"), ClockKind.Acknowledge);
        Assert.Equal(ClockState.Overdue, overdue.State);
        Assert.Equal(1, overdue.EscalationLevel);
    }

    [Fact]
    public void An_overdue_clock_climbs_the_escalation_ladder_in_working_days()
    {
        // Acknowledgement deadline Friday 4 December; working days after it: 7, 8, 9, 10, 11, 14, ...
        Assert.Equal(1, Clock(Fresh, At("2026-12-07T12:00"), ClockKind.Acknowledge).EscalationLevel); // 1 working day overdue
        var second = Clock(Fresh, At("2026-12-08T12:00"), ClockKind.Acknowledge);                       // 2: the chair
        Assert.Equal(2, second.EscalationLevel);
        Assert.Equal(At("2026-12-11T00:00"), second.NextChangeAt);                                       // 5 working days: Friday 11th
        Assert.Equal(3, Clock(Fresh, At("2026-12-11T08:00"), ClockKind.Acknowledge).EscalationLevel);
        var last = Clock(Fresh, At("2026-12-31T08:00"), ClockKind.Acknowledge);
        Assert.Equal(4, last.EscalationLevel);
        Assert.Null(last.NextChangeAt);
    }

    [Fact]
    public void A_weekend_does_not_count_towards_escalation()
    {
        // Saturday and Sunday after the Friday deadline: overdue, but still at the first level.
        var saturday = Clock(Fresh, At("2026-12-06T12:00"), ClockKind.Acknowledge);
        Assert.Equal(ClockState.Overdue, saturday.State);
        Assert.Equal(1, saturday.EscalationLevel);
    }

    [Fact]
    public void Answers_stop_the_clocks_on_time_or_late()
    {
        var acknowledgedLate = Fresh with { AcknowledgedAt = At("2026-12-07T09:00") };
        var clocks = ReferralClocks.Read(acknowledgedLate, At("2026-12-07T10:00"), Calendar, Schedule);
        Assert.Equal(ClockState.MetLate, clocks.Single(c => c.Kind == ClockKind.Acknowledge).State);
        Assert.Null(clocks.Single(c => c.Kind == ClockKind.Acknowledge).NextChangeAt);
        Assert.Equal(ClockState.Running, clocks.Single(c => c.Kind == ClockKind.Act).State);

        // Done on the due date, reported three days later: acted on time, reported within the report-back time.
        var reported = acknowledgedLate with { ActedOn = new DateOnly(2026, 12, 11), ReportedAt = At("2026-12-15T16:00") };
        clocks = ReferralClocks.Read(reported, At("2026-12-20T10:00"), Calendar, Schedule);
        Assert.Equal(ClockState.MetOnTime, clocks.Single(c => c.Kind == ClockKind.Act).State);
        Assert.Equal(ClockState.MetOnTime, clocks.Single(c => c.Kind == ClockKind.ReportBack).State);
        Assert.Null(ReferralClocks.NextChangeAt(clocks));
    }

    [Fact]
    public void A_report_without_an_acknowledgement_acknowledges_and_dates_the_act()
    {
        var reportedLate = Fresh with { ReportedAt = At("2026-12-14T11:00") };
        var clocks = ReferralClocks.Read(reportedLate, At("2026-12-14T12:00"), Calendar, Schedule);
        Assert.Equal(ClockState.MetLate, clocks.Single(c => c.Kind == ClockKind.Acknowledge).State);
        Assert.Equal(ClockState.MetLate, clocks.Single(c => c.Kind == ClockKind.Act).State);
        Assert.Equal(ClockState.MetOnTime, clocks.Single(c => c.Kind == ClockKind.ReportBack).State);
    }

    [Fact]
    public void The_next_change_is_the_earliest_of_the_open_clocks()
    {
        var clocks = ReferralClocks.Read(Fresh, At("2026-12-02T12:00"), Calendar, Schedule);
        Assert.Equal(At("2026-12-03T00:00"), ReferralClocks.NextChangeAt(clocks));
    }
}
