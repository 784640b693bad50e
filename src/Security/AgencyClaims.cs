using System.Security.Claims;

namespace Platform.Security;

/// <summary>The one place where an <see cref="AgencyCaller"/> becomes claims and back.</summary>
public static class AgencyClaims
{
    public const string Agency = "platform:agency";
    public const string Organization = "platform:organization";
    public const string Territory = "platform:territory";

    public static ClaimsPrincipal ToPrincipal(this AgencyCaller caller, string authenticationType)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.Name, caller.SystemName),
            new(Agency, caller.Agency.ToName()),
            new(Territory, caller.Territory.ToString()),
        ];
        if (caller.OrganizationId is { } organization) claims.Add(new(Organization, organization));
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
}
