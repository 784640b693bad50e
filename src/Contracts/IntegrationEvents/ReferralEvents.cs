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
