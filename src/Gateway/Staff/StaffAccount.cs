using System.Text.RegularExpressions;
using Platform.Contracts.Territory;

namespace Platform.Gateway.Staff;

/// <summary>A staff account as stored.</summary>
public sealed record StaffAccount(
    Guid Id, string UserName, string DisplayName, StaffRole Role, StaffScope Scope, string PasswordHash,
    LockoutState Lockout, bool Disabled, string SecurityStamp, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>Where a member of staff works: a commission's territory, or the whole country.</summary>
public sealed record StaffScope(CommissionLevel? Level, Kato? Territory)
{
    public const string NationalCode = "national";

    public static readonly StaffScope National = new(null, null);

    public static StaffScope Commission(CommissionLevel level, Kato territory) => new(level, territory);

    /// <summary>The territory claim: a КАТО code, or <see cref="NationalCode"/>.</summary>
    public string Code => Territory?.Value ?? NationalCode;
}

public enum AccountProblem { UserNameInvalid, DisplayNameMissing, CommissionNeedsTerritory, NationalRoleHasTerritory }

/// <summary>An account an administrator (or the development seed) asks to create.</summary>
public sealed partial record NewStaffAccount(string UserName, string DisplayName, StaffRole Role, StaffScope Scope)
{
    public IReadOnlyList<AccountProblem> Check()
    {
        var problems = new List<AccountProblem>();
        if (!UserNamePattern().IsMatch(UserName)) problems.Add(AccountProblem.UserNameInvalid);
        if (string.IsNullOrWhiteSpace(DisplayName)) problems.Add(AccountProblem.DisplayNameMissing);
        if (Role.IsCommission && (Scope.Level is null || Scope.Territory is null)) problems.Add(AccountProblem.CommissionNeedsTerritory);
        if (!Role.IsCommission && (Scope.Level is not null || Scope.Territory is not null)) problems.Add(AccountProblem.NationalRoleHasTerritory);
        return problems;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{3,64}$")]
    private static partial Regex UserNamePattern();
}
