namespace Platform.Gateway.Cases.FollowUp;

/// <summary>The three things a commission waits for from an agency on a referral, each on its own clock.</summary>
public enum ClockKind
{
    /// <summary>The agency confirms it has the referral and names who handles it.</summary>
    Acknowledge,
    /// <summary>The agency carries out the task by the due date the commission set.</summary>
    Act,
    /// <summary>The agency reports to the commission what it did.</summary>
    ReportBack,
}

public enum ClockState { Running, Warned, Overdue, MetOnTime, MetLate }

/// <summary>
/// Where one clock stands at a moment: its deadline (the last local day it may be met on), its state, how far up the
/// escalation ladder it has gone, and when its reading changes next without anyone doing anything (null: never) —
/// which is when the deadline service has to look at it again.
/// </summary>
public sealed record ClockReading(ClockKind Kind, DateOnly Deadline, ClockState State, int EscalationLevel, DateTimeOffset? NextChangeAt);

/// <summary>What has happened on a referral so far, as the commission's side knows it.</summary>
public sealed record ReferralProgress(
    DateTimeOffset IssuedAt, DateOnly DueOn, DateTimeOffset? AcknowledgedAt, DateOnly? ActedOn, DateTimeOffset? ReportedAt);

/// <summary>The referral's clocks at a moment, on a calendar and a schedule: pure, so a test moves the clock by hand.</summary>
public static class ReferralClocks
{
    public static IReadOnlyList<ClockReading> Read(ReferralProgress referral, DateTimeOffset now, WorkingCalendar calendar, FollowUpSchedule schedule)
    {
        var issuedOn = calendar.LocalDate(referral.IssuedAt);
        var reportedOn = referral.ReportedAt is { } reported ? calendar.LocalDate(reported) : (DateOnly?)null;
        // A report is also an acknowledgement, and says when the task was done (on the day of the report, unless it says otherwise).
        var acknowledgedOn = referral.AcknowledgedAt is { } acknowledged ? calendar.LocalDate(acknowledged) : reportedOn;
        var actedOn = referral.ActedOn ?? reportedOn;
        return
        [
            Clock(ClockKind.Acknowledge, calendar.AddWorkingDays(issuedOn, schedule.AcknowledgeWithinWorkingDays), acknowledgedOn, now, calendar, schedule),
            Clock(ClockKind.Act, referral.DueOn, actedOn, now, calendar, schedule),
            Clock(ClockKind.ReportBack, calendar.AddWorkingDays(referral.DueOn, schedule.ReportWithinWorkingDaysAfterDue), reportedOn, now, calendar, schedule),
        ];
    }

    /// <summary>The earliest moment any of the referral's clocks changes by itself.</summary>
    public static DateTimeOffset? NextChangeAt(IEnumerable<ClockReading> clocks) =>
        clocks.Select(c => c.NextChangeAt).Where(at => at is not null).Min();

    private static ClockReading Clock(
        ClockKind kind, DateOnly deadline, DateOnly? metOn, DateTimeOffset now, WorkingCalendar calendar, FollowUpSchedule schedule)
    {
        if (metOn is { } met)
            return new ClockReading(kind, deadline, met <= deadline ? ClockState.MetOnTime : ClockState.MetLate, 0, null);

        var today = calendar.LocalDate(now);
        var warnFrom = calendar.AddWorkingDays(deadline, -schedule.WarnWorkingDaysBefore);
        if (today < warnFrom)
            return new ClockReading(kind, deadline, ClockState.Running, 0, calendar.StartOf(warnFrom));
        if (today <= deadline)
            return new ClockReading(kind, deadline, ClockState.Warned, 0, calendar.StartOf(deadline.AddDays(1)));

        var overdueWorkingDays = calendar.WorkingDaysBetween(deadline, today);
        var level = schedule.Escalation.Count(step => overdueWorkingDays >= step.AfterWorkingDaysOverdue);
        var nextStep = schedule.Escalation.FirstOrDefault(step => step.AfterWorkingDaysOverdue > overdueWorkingDays);
        DateTimeOffset? next = nextStep is null ? null : calendar.StartOf(calendar.AddWorkingDays(deadline, nextStep.AfterWorkingDaysOverdue));
        return new ClockReading(kind, deadline, ClockState.Overdue, level, next);
    }
}
