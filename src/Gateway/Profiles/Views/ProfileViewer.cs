using Platform.Contracts.Territory;
using Platform.Gateway.Staff;
using Platform.Security;
using Platform.Audit;

namespace Platform.Gateway.Profiles.Views;

/// <summary>Whose view of a profile: an agency's own, a commission's, or none.</summary>
public enum ProfileAudience { None, Education, Health, Social, Commission }

/// <summary>Who is looking at children's profiles: an agency system (its certificate) or a member of staff (signed in).</summary>
public abstract record ProfileViewer
{
    public abstract ProfileAudience Audience { get; }

    /// <summary>The territory the viewer works in; null: national.</summary>
    public abstract Kato? Territory { get; }

    /// <summary>Only commission staff may open a profile outside their territory, stating why (break-glass).</summary>
    public abstract bool MayBreakGlass { get; }

    public abstract AuditActor Actor { get; }

    public bool Covers(Kato place) => Territory is not { } own || own.Contains(place);
}

public sealed record AgencySystemViewer(AgencyCaller Caller) : ProfileViewer
{
    public override ProfileAudience Audience => Caller.Agency switch
    {
        Agency.Education => ProfileAudience.Education,
        Agency.Health => ProfileAudience.Health,
        Agency.Social => ProfileAudience.Social,
        _ => ProfileAudience.None,
    };

    public override Kato? Territory => Caller.Territory.Unit;
    public override bool MayBreakGlass => false;
    public override AuditActor Actor => new(Caller.SystemName, AuditActorKind.AgencySystem, Caller.Agency.ToName(), Caller.Territory.ToString());
}

public sealed record StaffViewer(StaffUser User) : ProfileViewer
{
    // Analysts, operators and administrators work with aggregates, the platform and accounts, not with children.
    public override ProfileAudience Audience => User.May(StaffPermission.WorkCommissionCases) ? ProfileAudience.Commission : ProfileAudience.None;

    public override Kato? Territory => User.Scope.Territory;
    public override bool MayBreakGlass => Audience == ProfileAudience.Commission;
    public override AuditActor Actor => new(User.UserName, AuditActorKind.StaffUser, User.Role.Code, User.Scope.Code);
}
