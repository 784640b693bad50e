namespace Platform.Gateway.Staff;

/// <summary>What a member of staff may do on the Gateway's web side; authorization asks for these, not for roles.</summary>
public enum StaffPermission
{
    /// <summary>Find children on the commission's territory, see their profiles, run cases.</summary>
    WorkCommissionCases,
    /// <summary>Record the commission's decisions (the secretary keeps the commission's records).</summary>
    RecordCommissionDecisions,
    /// <summary>Follow the roadmaps' reporting: who reported, on time, complete, consistent with the records.</summary>
    FollowRoadmapReporting,
    /// <summary>Watch the running platform.</summary>
    WatchOperations,
    /// <summary>Create staff accounts, reset passwords, disable, enable and unlock them.</summary>
    ManageAccounts,
}

/// <summary>The level of the КДНЗП a commission member belongs to.</summary>
public enum CommissionLevel { District, City, Region }

/// <summary>A staff role as stored (<see cref="Code"/>) and what it allows.</summary>
public sealed record StaffRole(string Code, bool IsCommission, IReadOnlySet<StaffPermission> Permissions)
{
    public static readonly StaffRole CommissionSecretary = new("commission_secretary", true,
        new HashSet<StaffPermission> { StaffPermission.WorkCommissionCases, StaffPermission.RecordCommissionDecisions });
    public static readonly StaffRole CommissionMember = new("commission_member", true,
        new HashSet<StaffPermission> { StaffPermission.WorkCommissionCases });
    public static readonly StaffRole ProjectOfficeAnalyst = new("project_office_analyst", false,
        new HashSet<StaffPermission> { StaffPermission.FollowRoadmapReporting });
    public static readonly StaffRole Operator = new("operator", false,
        new HashSet<StaffPermission> { StaffPermission.WatchOperations });
    public static readonly StaffRole Administrator = new("administrator", false,
        new HashSet<StaffPermission> { StaffPermission.ManageAccounts });

    public static IReadOnlyList<StaffRole> All { get; } =
        [CommissionSecretary, CommissionMember, ProjectOfficeAnalyst, Operator, Administrator];

    public static StaffRole? FromCode(string? code) => All.FirstOrDefault(r => r.Code == code);

    public bool May(StaffPermission permission) => Permissions.Contains(permission);

    public override string ToString() => Code;
}
