namespace Platform.Gateway.Cases;

/// <summary>Where a commission's case stands: open → under review → plan adopted → monitoring → closed.</summary>
public enum CaseStatus { Open, UnderReview, PlanAdopted, Monitoring, Closed }

/// <summary>A status as it is stored, posted by forms and named in text keys: <c>open</c>, <c>under_review</c>, ...</summary>
public static class CaseStatusCodes
{
    public static string Code(this CaseStatus status) => status switch
    {
        CaseStatus.Open => "open",
        CaseStatus.UnderReview => "under_review",
        CaseStatus.PlanAdopted => "plan_adopted",
        CaseStatus.Monitoring => "monitoring",
        _ => "closed",
    };

    /// <summary>The status <paramref name="code"/> names, or null for anything else.</summary>
    public static CaseStatus? FromCode(string? code) =>
        Enum.GetValues<CaseStatus>().Where(status => status.Code() == code).Select(status => (CaseStatus?)status).FirstOrDefault();
}

/// <summary>
/// Which status changes a case allows: one step forward at a time, closing from any open status and reopening a
/// closed case, both with a reason. Pure: the store applies a <see cref="Changed"/> with its audit entry.
/// </summary>
public static class CaseTransitions
{
    public abstract record Decision;

    public sealed record Changed(CaseStatus From, CaseStatus To) : Decision;

    /// <summary>The case already has the status asked for (a form posted twice): nothing changes.</summary>
    public sealed record AlreadyDone : Decision;

    public sealed record Refused(CaseProblem Problem, string Reason) : Decision;

    public const int MaximumReasonLength = 2000;

    public static Decision Move(CaseStatus current, CaseStatus requested, string? reason)
    {
        if (current == requested) return new AlreadyDone();
        var needsReason = requested == CaseStatus.Closed || current == CaseStatus.Closed;
        if (needsReason && string.IsNullOrWhiteSpace(reason))
            return new Refused(CaseProblem.ReasonRequired,
                requested == CaseStatus.Closed ? "A case is closed with a reason." : "A closed case is reopened with a reason.");
        if (reason is { Length: > MaximumReasonLength })
            return new Refused(CaseProblem.ReasonTooLong, $"The reason is longer than {MaximumReasonLength} characters.");
        return Allowed(current, requested)
            ? new Changed(current, requested)
            : new Refused(CaseProblem.TransitionNotAllowed, $"A case that is {Describe(current)} cannot become {Describe(requested)}.");
    }

    /// <summary>The statuses a case in <paramref name="current"/> can move to, in the order a page offers them.</summary>
    public static IReadOnlyList<CaseStatus> Next(CaseStatus current) =>
        Enum.GetValues<CaseStatus>().Where(status => status != current && Allowed(current, status)).ToList();

    private static bool Allowed(CaseStatus current, CaseStatus requested) => (current, requested) switch
    {
        (CaseStatus.Closed, CaseStatus.Open) => true,
        (CaseStatus.Closed, _) => false,
        (_, CaseStatus.Closed) => true,
        _ => requested == current + 1,
    };

    private static string Describe(CaseStatus status) => status switch
    {
        CaseStatus.Open => "open",
        CaseStatus.UnderReview => "under review",
        CaseStatus.PlanAdopted => "with an adopted plan",
        CaseStatus.Monitoring => "being monitored",
        _ => "closed",
    };
}
