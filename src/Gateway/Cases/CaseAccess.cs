using System.Security.Claims;
using Platform.Audit;
using Platform.Contracts.Territory;
using Platform.Gateway.Cases.Referrals;
using Platform.Gateway.Profiles.Views;
using Platform.Gateway.Staff;
using Platform.Security;

namespace Platform.Gateway.Cases;

/// <summary>Who reads cases through the APIs, as <see cref="CaseAccess"/> tells them apart.</summary>
public abstract record CaseReader(AuditActor Actor)
{
    /// <summary>A commission: its information system, or its secretary or a member signed in. Reads its territory's cases.</summary>
    public sealed record Commission(Kato Territory, AuditActor Actor) : CaseReader(Actor);

    /// <summary>An agency's system: reads the cases that refer a task to its agency within its territory.</summary>
    public sealed record Agency(string Name, AgencyTerritory Territory, AuditActor Actor) : CaseReader(Actor);

    /// <summary>Staff whose work is not with children's cases: analysts, operators, administrators.</summary>
    public sealed record NoCases(AuditActor Actor) : CaseReader(Actor);
}

/// <summary>A case as one reader may see it: the header always, grounds and timeline only for the commission.</summary>
public sealed record CaseView(CaseFile Case, CaseGrounds? Grounds, IReadOnlyList<CaseTimelineEntry> Timeline, IReadOnlyList<string> Withheld)
{
    /// <summary>What the audit trail records as read.</summary>
    public IReadOnlyList<string> Sections =>
        ["case", .. Grounds is null ? Array.Empty<string>() : ["case.grounds"], .. Withheld.Contains(CaseAccess.TimelinePart) ? Array.Empty<string>() : ["case.timeline"]];
}

/// <summary>The cases a list may show a reader, in the terms of its SQL: the rule of <see cref="CaseAccess.Sees"/>, for many cases at once.</summary>
/// <param name="CommissionPrefix">The cases' commission starts with it ("" for every commission).</param>
/// <param name="ReferredTo">When set, only cases with a referral to this agency whose place starts with <paramref name="ReferralPlacePrefix"/>.</param>
public sealed record CaseListScope(string CommissionPrefix, string? ReferredTo, string ReferralPlacePrefix);

/// <summary>
/// The one place that says who sees which cases and what of them. A commission sees the cases of its territory (its
/// own, and those of the commissions within it, as the workspace does), whole, with their alerts. An agency's system
/// sees a case only once a referral to its agency within its territory exists, and of it only the header and those
/// referrals: another agency's task, the grounds' evidence and the timeline are not its business. Other staff see no
/// cases. A case a reader may not see is answered as missing, so its existence is not revealed.
/// </summary>
public static class CaseAccess
{
    public const string GroundsPart = "grounds", TimelinePart = "timeline";

    public const string NoCaseWork = "This role works with aggregates, operations or accounts, not with children's cases.";

    public const string AlertsAreTheCommissions =
        "Alerts are the commission's: an agency's system reads the cases referred to its agency and its own referrals, not the alerts.";

    /// <summary>How the audit trail names a commission's system: a system (not a person) in the role of the commission.</summary>
    public const string CommissionSystemRole = "commission";

    /// <summary>The reader the principal is, or null when it is neither a system nor signed-in staff.</summary>
    public static CaseReader? ReaderOf(ClaimsPrincipal user) => user.ToSystemCaller() switch
    {
        CommissionCaller commission => new CaseReader.Commission(commission.Commission,
            new AuditActor(commission.SystemName, AuditActorKind.AgencySystem, CommissionSystemRole, commission.Commission.Value)),
        AgencyCaller agency => new CaseReader.Agency(agency.Agency.ToName(), agency.Territory, new AgencySystemViewer(agency).Actor),
        _ => StaffUser.From(user) is not { } staff ? null
            : staff.May(StaffPermission.WorkCommissionCases) && staff.Scope.Territory is { } territory
                ? new CaseReader.Commission(territory, new StaffViewer(staff).Actor)
                : new CaseReader.NoCases(new StaffViewer(staff).Actor),
    };

    /// <summary>Whether <paramref name="reader"/> may see the case whose referrals are <paramref name="referrals"/>.</summary>
    public static bool Sees(CaseReader reader, CaseFile file, IReadOnlyList<CaseReferral> referrals) => reader switch
    {
        CaseReader.Commission commission => commission.Territory.Contains(file.Number.Commission),
        CaseReader.Agency agency => referrals.Any(referral => IsOwn(agency, referral)),
        _ => false,
    };

    /// <summary>The referrals of a case the reader sees that it may read.</summary>
    public static IReadOnlyList<CaseReferral> ReferralsShown(CaseReader reader, IReadOnlyList<CaseReferral> referrals) => reader switch
    {
        CaseReader.Commission => referrals,
        CaseReader.Agency agency => referrals.Where(referral => IsOwn(agency, referral)).ToList(),
        _ => [],
    };

    /// <summary>What of a case the reader sees it is shown.</summary>
    public static CaseView Shape(CaseReader reader, CaseFile file, IReadOnlyList<CaseTimelineEntry> timeline) => reader is CaseReader.Commission
        ? new CaseView(file, file.Grounds, timeline, [])
        : new CaseView(file, null, [], [GroundsPart, TimelinePart]);

    /// <summary>Why the reader may not list cases or watch alerts, or null when it may.</summary>
    public static string? WhyNotList(CaseReader reader) => reader is CaseReader.NoCases ? NoCaseWork : null;

    public static string? WhyNotWatchAlerts(CaseReader reader) => reader switch
    {
        CaseReader.Commission => null,
        CaseReader.Agency => AlertsAreTheCommissions,
        _ => NoCaseWork,
    };

    public static CaseListScope ScopeOf(CaseReader reader) => reader switch
    {
        CaseReader.Commission commission => new(commission.Territory.UnitPrefix, null, ""),
        CaseReader.Agency agency => new("", agency.Name, agency.Territory.Unit?.UnitPrefix ?? ""),
        _ => throw new ArgumentOutOfRangeException(nameof(reader), reader, NoCaseWork),
    };

    // A referral is the agency's when it is to the agency and concerns a place of its territory.
    private static bool IsOwn(CaseReader.Agency agency, CaseReferral referral) =>
        referral.Agency == agency.Name
        && (agency.Territory.IsNational || (Kato.TryParse(referral.Kato, out var place, out _) && agency.Territory.Covers(place)));
}
