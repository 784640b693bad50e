using Platform.Gateway.Cases.Referrals;

namespace Platform.Gateway.Cases.Sessions;

/// <summary>planned: the agenda, attendance and decisions are being recorded; held: the protocol is signed and final.</summary>
public enum SessionStatus { Planned, Held }

/// <summary>A session of the commission, numbered per commission and year like its cases.</summary>
public sealed record CommissionSession(
    Guid Id, CaseNumber Number, DateTimeOffset MeetsAt, string Place, SessionStatus Status, int Version,
    DateTimeOffset? HeldAt = null, string? HeldBy = null, int? CompositionWhenHeld = null)
{
    public int AgendaSize { get; init; }
}

/// <summary>What the commission resolved on a heard case, and how it voted.</summary>
public sealed record SessionDecision(string Resolution, Vote Vote, bool Adopted, DateTimeOffset DecidedAt, string DecidedBy);

/// <summary>A case on a session's agenda, with the commission's decision once taken.</summary>
public sealed record AgendaItem(Guid CaseId, CaseNumber CaseNumber, string Iin, string? LastName, string? FirstName, int Position, SessionDecision? Decision);

/// <summary>
/// A measure decided on a heard case. An agency's is followed up as the referral of the same id
/// (<see cref="ReferralState"/>); a member's is followed here until the member reports it carried out.
/// </summary>
public sealed record DecisionMeasure(
    Guid Id, Guid SessionId, CaseNumber SessionNumber, Guid CaseId, string? Agency, Guid? MemberId, string? MemberName, string Task, DateOnly DueOn,
    DateTimeOffset DecidedAt, DateTimeOffset? DoneAt = null, string? DoneBy = null, string? DoneNote = null, ReferralState? ReferralState = null)
{
    public bool IsDone => DoneAt is not null || ReferralState == Referrals.ReferralState.Completed;

    public bool IsOverdue(DateOnly today) => !IsDone && DueOn < today;
}

/// <summary>A session with everything its page and its protocol show.</summary>
public sealed record SessionFile(
    CommissionSession Session, IReadOnlyList<AgendaItem> Agenda, IReadOnlyList<CommissionMember> Composition, IReadOnlySet<Guid> Present,
    IReadOnlyList<DecisionMeasure> Measures)
{
    /// <summary>A signed protocol keeps the composition it was held with; a planned session counts today's.</summary>
    public Quorum Quorum => SessionRules.QuorumOf(Session.CompositionWhenHeld ?? Composition.Count(member => member.Active), Present.Count);

    public bool ChairPresent => Composition.Any(member => member.Role == MemberRole.Chair && Present.Contains(member.Id));
}

/// <summary>A session at which a case was heard, as the case's page lists it.</summary>
public sealed record CaseHearing(Guid SessionId, CaseNumber SessionNumber, DateTimeOffset MeetsAt, SessionStatus Status, SessionDecision? Decision);

/// <summary>An open case the secretary can put on a session's agenda.</summary>
public sealed record CaseToHear(Guid Id, CaseNumber Number, string Iin);

public sealed class SessionNotFoundException(Guid sessionId) : Platform.GrpcApi.NotFoundException($"No session {sessionId} is held.");
