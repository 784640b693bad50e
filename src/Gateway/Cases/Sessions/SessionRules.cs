using Platform.Gateway.Cases.Referrals;

namespace Platform.Gateway.Cases.Sessions;

/// <summary>A member's place in the commission, as stored: <c>chair</c>, <c>deputy_chair</c>, <c>secretary</c>, <c>member</c>.</summary>
public enum MemberRole { Chair, DeputyChair, Secretary, Member }

/// <summary>A member of the commission's composition; <see cref="UserName"/> is their staff account, when they have one.</summary>
public sealed record CommissionMember(Guid Id, string FullName, string Position, MemberRole Role, string? UserName, bool Active);

/// <summary>A member as the secretary adds them to the composition.</summary>
public sealed record NewMember(Guid Id, string FullName, string Position, MemberRole Role, string? UserName);

/// <summary>Whether enough of the composition is present for the session to decide.</summary>
public sealed record Quorum(int Composition, int Present, int Required)
{
    public bool IsMet => Composition > 0 && Present >= Required;
}

/// <summary>How the members present voted on a resolution; the chair's vote decides an even split.</summary>
public sealed record Vote(int For, int Against, int Abstained, bool ChairVotedFor)
{
    public int Cast => For + Against + Abstained;
}

/// <summary>A session as the secretary plans it; <see cref="Id"/> comes with the form, so posting it twice plans one session.</summary>
public sealed record NewSession(Guid Id, DateTimeOffset MeetsAt, string Place);

/// <summary>A measure decided on a heard case: given to an agency (then it is a referral) or to a member, with a task and a due day.</summary>
public sealed record NewMeasure(Guid Id, string? Agency, Guid? MemberId, string Task, DateOnly DueOn);

/// <summary>
/// The rules of a collegial commission as small pure functions. The model regulation of the commissions makes a
/// session competent when two thirds of the members are present, and a resolution adopted by a majority of the
/// members present, the chair's vote deciding a tie.
/// </summary>
public static class SessionRules
{
    public const int MaximumResolutionLength = 4000;
    public const int MaximumPlaceLength = 300;
    public const int MaximumNameLength = 300;

    /// <summary>How far back a session may be recorded (a secretary writes up a session after it met) and how far ahead planned.</summary>
    public static readonly TimeSpan LatestRecordedAfter = TimeSpan.FromDays(30);
    public static readonly TimeSpan EarliestPlannedBefore = TimeSpan.FromDays(366);

    public static Quorum QuorumOf(int composition, int present) => new(composition, present, (2 * composition + 2) / 3);

    public static CaseProblem? CheckSession(NewSession session, DateTimeOffset now)
    {
        if (session.Id == Guid.Empty) return CaseProblem.StaleForm;
        if (string.IsNullOrWhiteSpace(session.Place)) return CaseProblem.PlaceMissing;
        if (session.Place.Trim().Length > MaximumPlaceLength) return CaseProblem.ReasonTooLong;
        if (session.MeetsAt < now - LatestRecordedAfter || session.MeetsAt > now + EarliestPlannedBefore) return CaseProblem.MeetsAtOutOfRange;
        return null;
    }

    public static CaseProblem? CheckMember(NewMember member)
    {
        if (member.Id == Guid.Empty) return CaseProblem.StaleForm;
        if (string.IsNullOrWhiteSpace(member.FullName)) return CaseProblem.MemberNameMissing;
        if (string.IsNullOrWhiteSpace(member.Position)) return CaseProblem.PositionMissing;
        if (member.FullName.Trim().Length > MaximumNameLength || member.Position.Trim().Length > MaximumNameLength) return CaseProblem.ReasonTooLong;
        return null;
    }

    /// <summary>Why the resolution cannot be recorded with this vote at this session, or null.</summary>
    public static CaseProblem? CheckDecision(string resolution, Vote vote, Quorum quorum)
    {
        if (!quorum.IsMet) return CaseProblem.NoQuorum;
        if (string.IsNullOrWhiteSpace(resolution)) return CaseProblem.ResolutionEmpty;
        if (resolution.Trim().Length > MaximumResolutionLength) return CaseProblem.ResolutionTooLong;
        if (vote.For < 0 || vote.Against < 0 || vote.Abstained < 0 || vote.Cast == 0) return CaseProblem.VotesInvalid;
        if (vote.Cast > quorum.Present) return CaseProblem.VotesExceedPresent;
        return null;
    }

    /// <summary>A majority of the members present; exactly half is a tie, decided by the chair's vote when the chair is present.</summary>
    public static bool IsAdopted(Vote vote, int present, bool chairPresent) =>
        2 * vote.For > present || (2 * vote.For == present && chairPresent && vote.ChairVotedFor);

    public static CaseProblem? CheckMeasure(NewMeasure measure, DateOnly today)
    {
        if (measure.Id == Guid.Empty) return CaseProblem.StaleForm;
        if ((measure.Agency is null) == (measure.MemberId is null)) return CaseProblem.ExecutorMissing;
        if (measure.Agency is { } agency) return ReferralRules.Check(new NewReferral(measure.Id, agency, measure.Task, measure.DueOn), today);
        return ReferralRules.CheckTask(measure.Task, measure.DueOn, today);
    }

    /// <summary>Why the protocol cannot be signed yet: the session has met, has a quorum, and every case on its agenda was decided.</summary>
    public static CaseProblem? CheckHolding(DateTimeOffset meetsAt, DateTimeOffset now, Quorum quorum, IReadOnlyCollection<bool> agendaDecided)
    {
        if (now < meetsAt) return CaseProblem.SessionNotYetMet;
        if (agendaDecided.Count == 0) return CaseProblem.AgendaEmpty;
        if (!quorum.IsMet) return CaseProblem.NoQuorum;
        if (agendaDecided.Any(decided => !decided)) return CaseProblem.AgendaUndecided;
        return null;
    }

    public static string Code(this MemberRole role) => role switch
    {
        MemberRole.Chair => "chair",
        MemberRole.DeputyChair => "deputy_chair",
        MemberRole.Secretary => "secretary",
        _ => "member",
    };

    public static MemberRole? MemberRoleFromCode(string? code) =>
        Enum.GetValues<MemberRole>().Where(role => role.Code() == code).Select(role => (MemberRole?)role).FirstOrDefault();
}
