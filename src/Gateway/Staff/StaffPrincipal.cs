using System.Security.Claims;
using Platform.Contracts.Territory;

namespace Platform.Gateway.Staff;

/// <summary>The claims a signed-in member of staff carries, whatever way they signed in.</summary>
public static class StaffClaims
{
    public const string AccountId = "sub";
    public const string UserName = "name";
    public const string DisplayName = "display_name";
    /// <summary>A <see cref="StaffRole.Code"/>; also the identity's role claim, so <c>IsInRole</c> works.</summary>
    public const string Role = "role";
    /// <summary>district, city or region; only for commission roles.</summary>
    public const string CommissionLevel = "commission_level";
    /// <summary>A КАТО code, or <see cref="StaffScope.NationalCode"/>.</summary>
    public const string Territory = "territory";
    public const string SecurityStamp = "security_stamp";
    /// <summary>How the user proved who they are (RFC 8176 values: <c>pwd</c>; a national IdP would add its own).</summary>
    public const string AuthenticationMethod = "amr";

    public const string PasswordMethod = "pwd";
}

/// <summary>A signed-in member of staff, read back from the principal.</summary>
public sealed record StaffUser(Guid Id, string UserName, string DisplayName, StaffRole Role, StaffScope Scope)
{
    public bool May(StaffPermission permission) => Role.May(permission);

    public static StaffUser? From(ClaimsPrincipal principal)
    {
        if (!Guid.TryParse(principal.FindFirstValue(StaffClaims.AccountId), out var id)
            || StaffRole.FromCode(principal.FindFirstValue(StaffClaims.Role)) is not { } role)
            return null;
        var territory = principal.FindFirstValue(StaffClaims.Territory);
        var scope = territory is null or StaffScope.NationalCode
            ? StaffScope.National
            : StaffScope.Commission(Enum.Parse<CommissionLevel>(principal.FindFirstValue(StaffClaims.CommissionLevel)!, ignoreCase: true), Kato.Parse(territory));
        return new StaffUser(id, principal.FindFirstValue(StaffClaims.UserName) ?? "",
            principal.FindFirstValue(StaffClaims.DisplayName) ?? "", role, scope);
    }
}

/// <summary>
/// The one place a staff principal is made. Password sign-in uses it today; a national identity provider (OpenID
/// Connect) would map its subject to a staff account in its <c>OnTokenValidated</c> event and call it too, so
/// authorization, the session check and the pages never need to know how someone signed in.
/// </summary>
public static class StaffPrincipalFactory
{
    public static ClaimsPrincipal Create(StaffAccount account, string authenticationMethod, string authenticationType)
    {
        List<Claim> claims =
        [
            new(StaffClaims.AccountId, account.Id.ToString()),
            new(StaffClaims.UserName, account.UserName),
            new(StaffClaims.DisplayName, account.DisplayName),
            new(StaffClaims.Role, account.Role.Code),
            new(StaffClaims.Territory, account.Scope.Code),
            new(StaffClaims.SecurityStamp, account.SecurityStamp),
            new(StaffClaims.AuthenticationMethod, authenticationMethod),
        ];
        if (account.Scope.Level is { } level) claims.Add(new(StaffClaims.CommissionLevel, level.ToString().ToLowerInvariant()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, StaffClaims.UserName, StaffClaims.Role));
    }
}
