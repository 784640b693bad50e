using Platform.Contracts.Territory;
using Platform.GrpcApi;

namespace Platform.Gateway.Cases;

/// <summary>A case's number: per commission and year, without gaps, written "12/2026".</summary>
public sealed record CaseNumber(Kato Commission, int Year, int Number)
{
    public override string ToString() => $"{Number}/{Year}";
}

/// <summary>A signal a case was opened on, with the evidence it had then.</summary>
public sealed record SignalGround(string Code, IReadOnlyList<string> Evidence, DateTimeOffset RaisedAt);

/// <summary>Why a case was opened: the child's signals, and what the person who opened it wrote.</summary>
public sealed record CaseGrounds(IReadOnlyList<SignalGround> Signals, string? Reason);

/// <summary>A commission's case about one child.</summary>
public sealed record CaseFile(
    Guid Id, CaseNumber Number, string Iin, CaseStatus Status, string? Responsible, CaseGrounds Grounds,
    DateTimeOffset OpenedAt, string OpenedBy, int Version, DateTimeOffset UpdatedAt)
{
    /// <summary>The case of another commission this one continues, when it was transferred here.</summary>
    public Guid? TransferredFrom { get; init; }

    /// <summary>The case of another commission this one was transferred to (and closed with).</summary>
    public Guid? TransferredTo { get; init; }
}

/// <summary>One line of a case's timeline: opened, a status change, a note; later referrals and alerts.</summary>
public sealed record CaseTimelineEntry(long Position, DateTimeOffset At, string Actor, string Kind, IReadOnlyDictionary<string, string?> Details);

/// <summary>Why a request about a case was refused, as a page names it in the user's language.</summary>
public enum CaseProblem
{
    NeedsGrounds, ReasonTooLong, NoSuchSignal, AlreadyOpen, NoRecordsOfChild, StaleForm, TransitionNotAllowed, ReasonRequired, NoteEmpty,
    AgencyUnknown, TaskEmpty, TaskTooLong, DueDateInvalid, DueDateInPast, DueDateTooFar, CaseClosed,
    MemberUnknown, MemberNameMissing, PositionMissing, ChairExists,
    PlaceMissing, MeetsAtInvalid, MeetsAtOutOfRange, SessionHeld, SessionNotYetMet, AlreadyOnAgenda, NotOnAgenda, AgendaItemDecided,
    AgendaEmpty, AgendaUndecided, NoQuorum, VotesInvalid, VotesExceedPresent, ResolutionEmpty, ResolutionTooLong, DecisionNotAdopted,
    ExecutorMissing, TransferToSelf, TerritoryInvalid,
}

/// <summary>What someone asked of a case that its state does not allow; nothing was written.</summary>
public sealed class CaseRefusedException(CaseProblem problem, string message) : ConflictException(message)
{
    public CaseProblem Problem { get; } = problem;
}

public sealed class CaseNotFoundException(Guid caseId) : NotFoundException($"No case {caseId} is held.");
