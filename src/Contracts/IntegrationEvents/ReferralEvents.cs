namespace Platform.Contracts.IntegrationEvents;

/// <summary>
/// A commission (КДНЗП) refers a task about one child to one agency. Every agency service receives a copy on its
/// own queue and keeps only those addressed to its agency (<see cref="TargetAgency"/>, one of <see cref="SourceAgencies"/>).
/// </summary>
public sealed record ReferralIssued
{
    public required Guid EventId { get; init; }
    public required Guid ReferralId { get; init; }
    public required string CaseId { get; init; }
    public required string TargetAgency { get; init; }
    public required string Iin { get; init; }
    /// <summary>The 9-digit KATO code of the territory the referral concerns (the commission's or the child's).</summary>
    public required string Kato { get; init; }
    public required string Task { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    /// <summary>The commission that issued it, as the Gateway names it.</summary>
    public required string IssuedBy { get; init; }
    public string? TraceParent { get; init; }
}

/// <summary>What every answer of an agency to a referral carries.</summary>
public abstract record ReferralAnswer
{
    public required Guid EventId { get; init; }
    public required Guid ReferralId { get; init; }
    public required string CaseId { get; init; }
    public required string Agency { get; init; }
    public required string Iin { get; init; }
    public required DateTimeOffset AnsweredAt { get; init; }
    public string? TraceParent { get; init; }
}

/// <summary>The agency has taken the referral on; <see cref="AcknowledgedBy"/> names who handles it.</summary>
public sealed record ReferralAcknowledged : ReferralAnswer
{
    public required string AcknowledgedBy { get; init; }
}

/// <summary>The agency has done what was asked; <see cref="Outcome"/> tells the commission what was done.</summary>
public sealed record ReferralCompleted : ReferralAnswer
{
    public required string Outcome { get; init; }
}

/// <summary>
/// What the commission's follow-up of a referral tells the agency's system and anyone else listening: a step's
/// deadline is near, has passed, or the overdue step has gone one level up the escalation ladder. <see cref="Clock"/>
/// is <c>acknowledge</c>, <c>act</c> or <c>report_back</c>; <see cref="Deadline"/> is the last local day it may be met on.
/// </summary>
public abstract record ReferralFollowUpEvent
{
    public required Guid EventId { get; init; }
    public required Guid ReferralId { get; init; }
    public required string CaseId { get; init; }
    public required string Agency { get; init; }
    public required string Iin { get; init; }
    public required string Kato { get; init; }
    public required string Clock { get; init; }
    public required DateOnly Deadline { get; init; }
    public required DateTimeOffset At { get; init; }
}

/// <summary>The step's deadline is near (the schedule says how near, in working days).</summary>
public sealed record ReferralWarned : ReferralFollowUpEvent;

/// <summary>The step's deadline passed without an answer.</summary>
public sealed record ReferralOverdue : ReferralFollowUpEvent;

/// <summary>The overdue step reached <see cref="Level"/> of the ladder: <see cref="EscalatedTo"/> is told.</summary>
public sealed record ReferralEscalated : ReferralFollowUpEvent
{
    public required int Level { get; init; }
    /// <summary><c>ResponsibleMember</c>, <c>CommissionChair</c>, <c>HigherCommission</c> or <c>AgencyTerritorialOffice</c>.</summary>
    public required string EscalatedTo { get; init; }
}
