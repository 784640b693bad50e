using System.Security.Claims;
using Platform.Contracts.Territory;

namespace Platform.Security;

/// <summary>The one place where a <see cref="SystemCaller"/> becomes claims and back.</summary>
public static class AgencyClaims
{
    public const string Agency = "platform:agency";
    public const string Organization = "platform:organization";
    public const string Territory = "platform:territory";
    /// <summary>The КАТО code of the commission a commission's system acts for; such a principal has no <see cref="Agency"/> claim.</summary>
    public const string Commission = "platform:commission";

    public static ClaimsPrincipal ToPrincipal(this SystemCaller caller, string authenticationType)
    {
        List<Claim> claims = [new(ClaimTypes.Name, caller.SystemName)];
        switch (caller)
        {
            case AgencyCaller agency:
                claims.Add(new(Agency, agency.Agency.ToName()));
                claims.Add(new(Territory, agency.Territory.ToString()));
                if (agency.OrganizationId is { } organization) claims.Add(new(Organization, organization));
                break;
            case CommissionCaller commission:
                claims.Add(new(Commission, commission.Commission.Value));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(caller), caller.GetType().Name, "Not a kind of system a certificate names.");
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, roleType: null));
    }

    /// <summary>The caller the principal was made from, or null when it is not an authenticated agency system.</summary>
    public static AgencyCaller? ToAgencyCaller(this ClaimsPrincipal principal)
    {
        if (principal.Identity is not { IsAuthenticated: true, Name: { } systemName }) return null;
        if (!AgencyNames.TryParse(principal.FindFirstValue(Agency), out var agency)) return null;
        if (!AgencyTerritory.TryParse(principal.FindFirstValue(Territory), out var territory, out _)) return null;
        return new AgencyCaller(systemName, agency, principal.FindFirstValue(Organization), territory);
    }

    /// <summary>The commission's system the principal was made from, or null when it is not one.</summary>
    public static CommissionCaller? ToCommissionCaller(this ClaimsPrincipal principal)
    {
        if (principal.Identity is not { IsAuthenticated: true, Name: { } systemName }) return null;
        // A principal naming an agency is an agency's system whatever else it carries.
        if (principal.FindFirst(Agency) is not null) return null;
        return Kato.TryParse(principal.FindFirstValue(Commission), out var commission, out _) ? new CommissionCaller(systemName, commission) : null;
    }

    /// <summary>The system the principal was made from, of either kind, or null.</summary>
    public static SystemCaller? ToSystemCaller(this ClaimsPrincipal principal) =>
        (SystemCaller?)principal.ToAgencyCaller() ?? principal.ToCommissionCaller();
}
