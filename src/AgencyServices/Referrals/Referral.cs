namespace Platform.AgencyServices.Referrals;

public enum ReferralStatus { Received, Acknowledged, Completed }

/// <summary>A commission's task for this agency, as the agency's inbox holds it.</summary>
public sealed record Referral(
    Guid ReferralId, long Position, string CaseId, string Iin, string Kato, string Task, DateTimeOffset DueAt,
    DateTimeOffset IssuedAt, string IssuedBy, DateTimeOffset ReceivedAt, ReferralStatus Status,
    string? AcknowledgedBy = null, DateTimeOffset? AcknowledgedAt = null, string? Outcome = null, DateTimeOffset? CompletedAt = null);

/// <summary>What an agency may do with a referral in which state: received → acknowledged → completed.</summary>
public static class ReferralTransitions
{
    public abstract record Decision;

    /// <summary>The referral moves to <see cref="Next"/>; the change is answered to the commission.</summary>
    public sealed record Changed(Referral Next) : Decision;

    /// <summary>The same request was already applied (a client retrying after a lost reply): nothing changes.</summary>
    public sealed record AlreadyDone : Decision;

    public sealed record Refused(string Reason) : Decision;

    public static Decision Acknowledge(Referral current, string acknowledgedBy, DateTimeOffset now) => current.Status switch
    {
        ReferralStatus.Received => new Changed(current with
        {
            Status = ReferralStatus.Acknowledged, AcknowledgedBy = acknowledgedBy, AcknowledgedAt = now,
        }),
        ReferralStatus.Acknowledged when current.AcknowledgedBy == acknowledgedBy => new AlreadyDone(),
        ReferralStatus.Acknowledged => new Refused($"Referral {current.ReferralId} was already acknowledged by {current.AcknowledgedBy}."),
        _ => new Refused($"Referral {current.ReferralId} is already completed."),
    };

    /// <summary>A referral may be completed straight from received: acknowledging first is a courtesy, not a rule.</summary>
    public static Decision Complete(Referral current, string outcome, DateTimeOffset now) => current.Status switch
    {
        ReferralStatus.Completed when current.Outcome == outcome => new AlreadyDone(),
        ReferralStatus.Completed => new Refused($"Referral {current.ReferralId} is already completed with another outcome."),
        _ => new Changed(current with { Status = ReferralStatus.Completed, Outcome = outcome, CompletedAt = now }),
    };
}
