using Platform.Contracts.IntegrationEvents;
using Platform.Gateway.Cases.FollowUp;

namespace Platform.Gateway.Cases.Referrals;

public enum ReferralState { Issued, Acknowledged, Completed }

/// <summary>
/// A measure of a case's plan that the commission refers to an agency: the task, the day it is due, and the agency's
/// answers as they came back. Its id is the <see cref="ReferralIssued.ReferralId"/> the agency's inbox keeps.
/// </summary>
public sealed record CaseReferral(
    Guid Id, Guid CaseId, string Agency, string Task, DateOnly DueOn, DateTimeOffset IssuedAt, string IssuedBy, ReferralState State,
    DateTimeOffset? AcknowledgedAt = null, string? AcknowledgedBy = null, DateTimeOffset? CompletedAt = null, string? Outcome = null)
{
    /// <summary>The territory the referral concerns (where the child lives), which the agency's office is found by.</summary>
    public string Kato { get; init; } = "";

    /// <summary>The clocks as the follow-up last read them.</summary>
    public IReadOnlyList<ClockReading> Clocks { get; init; } = [];

    public int EscalationLevel => Clocks.Select(c => c.EscalationLevel).DefaultIfEmpty(0).Max();

    /// <summary>What the follow-up clocks are read from: the agency's completion is its report back.</summary>
    public ReferralProgress Progress => new(IssuedAt, DueOn, AcknowledgedAt, ActedOn: null, ReportedAt: CompletedAt);
}

/// <summary>A referral as a secretary asks for it; <see cref="Id"/> comes with the form, so the same form posted twice refers once.</summary>
public sealed record NewReferral(Guid Id, string Agency, string Task, DateOnly DueOn);

/// <summary>The rules of referring and of taking an agency's answers, as small pure functions.</summary>
public static class ReferralRules
{
    public const int MaximumTaskLength = 1000;
    public const int MaximumDaysAhead = 366;

    public static IReadOnlyList<string> Agencies { get; } = [SourceAgencies.Education, SourceAgencies.Health, SourceAgencies.Social];

    /// <summary>Why the referral cannot be issued on <paramref name="today"/> (the commission's local date), or null.</summary>
    public static CaseProblem? Check(NewReferral referral, DateOnly today)
    {
        if (referral.Id == Guid.Empty) return CaseProblem.StaleForm;
        if (!Agencies.Contains(referral.Agency)) return CaseProblem.AgencyUnknown;
        return CheckTask(referral.Task, referral.DueOn, today);
    }

    /// <summary>What every task given to someone must have, a referral's or a commission member's: a text and a due day ahead.</summary>
    public static CaseProblem? CheckTask(string task, DateOnly dueOn, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(task)) return CaseProblem.TaskEmpty;
        if (task.Trim().Length > MaximumTaskLength) return CaseProblem.TaskTooLong;
        if (dueOn < today) return CaseProblem.DueDateInPast;
        if (dueOn > today.AddDays(MaximumDaysAhead)) return CaseProblem.DueDateTooFar;
        return null;
    }

    /// <summary>A due day ends at its last second in the commission's time zone.</summary>
    public static DateTimeOffset DueAt(DateOnly dueOn, WorkingCalendar calendar) => calendar.StartOf(dueOn.AddDays(1)).AddSeconds(-1);

    /// <summary>
    /// The referral after an agency's answer, or null when the answer changes nothing (a redelivery, or an
    /// acknowledgement arriving after the completion it preceded: its time is kept, the state stays completed).
    /// </summary>
    public static CaseReferral? Apply(CaseReferral current, ReferralAnswer answer) => answer switch
    {
        ReferralAcknowledged acknowledged when current.AcknowledgedAt is null => current with
        {
            State = current.State == ReferralState.Completed ? ReferralState.Completed : ReferralState.Acknowledged,
            AcknowledgedAt = acknowledged.AnsweredAt, AcknowledgedBy = acknowledged.AcknowledgedBy,
        },
        ReferralCompleted completed when current.State != ReferralState.Completed => current with
        {
            State = ReferralState.Completed, CompletedAt = completed.AnsweredAt, Outcome = completed.Outcome,
        },
        _ => null,
    };
}
