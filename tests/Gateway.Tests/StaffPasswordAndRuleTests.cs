using Platform.Contracts.Territory;
using Platform.Gateway.Staff;

namespace Platform.Gateway.Tests;

/// <summary>The pure pieces of staff sign-in: password hashing, the password policy, the lockout rule, roles, the principal.</summary>
public sealed class StaffPasswordAndRuleTests
{
    // Few iterations keep the unit tests fast; the format and the comparison are the same at any cost.
    private static readonly StaffPasswordHasher Hasher = new(iterations: 1_000);

    [Fact]
    public void A_hash_verifies_the_right_password_only()
    {
        var hash = Hasher.Hash("correct horse battery staple");

        Assert.Equal(PasswordCheck.Correct, Hasher.Verify("correct horse battery staple", hash));
        Assert.Equal(PasswordCheck.Wrong, Hasher.Verify("correct horse battery stapler", hash));
        Assert.Equal(PasswordCheck.Wrong, Hasher.Verify("", hash));
    }

    [Fact]
    public void A_hash_carries_its_algorithm_and_cost_and_a_fresh_salt_each_time()
    {
        var first = IdentityV3Hash.Read(Hasher.Hash("the same password"));
        var second = IdentityV3Hash.Read(Hasher.Hash("the same password"));

        Assert.Equal((IdentityV3Hash.HmacSha512, 1_000, 16), (first.Prf, first.Iterations, first.Salt.Length));
        Assert.NotEqual(first.Salt, second.Salt);
        Assert.DoesNotContain("the same password", Hasher.Hash("the same password"));
    }

    [Fact]
    public void The_default_cost_is_OWASPs_for_pbkdf2_hmac_sha512() =>
        Assert.Equal(210_000, IdentityV3Hash.Read(new StaffPasswordHasher().Hash("x")).Iterations);

    [Fact]
    public void A_hash_of_the_platforms_first_hasher_still_verifies_and_is_reported_outdated()
    {
        var earlier = IdentityV3Hash.EarlierPbkdf2Sha256("a password from before", iterations: 1_000);

        Assert.Equal(PasswordCheck.CorrectButOutdated, Hasher.Verify("a password from before", earlier));
        Assert.Equal(PasswordCheck.Wrong, Hasher.Verify("not the password", earlier));
    }

    [Fact]
    public void A_hash_made_with_a_lower_cost_still_verifies_and_is_reported_outdated()
    {
        var old = new StaffPasswordHasher(iterations: 500).Hash("an older password hash");

        Assert.Equal(PasswordCheck.CorrectButOutdated, Hasher.Verify("an older password hash", old));
        Assert.Equal(PasswordCheck.Wrong, Hasher.Verify("not the password", old));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain-text-password")]
    [InlineData("md5$1$abc$def")]
    [InlineData("pbkdf2-sha256$-5$AAAA$AAAA")]
    public void A_malformed_or_foreign_hash_never_verifies(string stored) =>
        Assert.Equal(PasswordCheck.Wrong, Hasher.Verify("plain-text-password", stored));

    [Theory]
    [InlineData("short", "anna", new[] { PasswordProblem.TooShort })]
    [InlineData("elevenchars", "anna", new[] { PasswordProblem.TooShort })]
    [InlineData("twelve chars", "anna", new PasswordProblem[0])]
    [InlineData("my name is Anna.K, ok?", "anna.k", new[] { PasswordProblem.ContainsUserName })]
    [InlineData("anna", "anna", new[] { PasswordProblem.TooShort, PasswordProblem.ContainsUserName })]
    public void The_policy_wants_12_characters_without_the_user_name(string password, string userName, PasswordProblem[] expected) =>
        Assert.Equal(expected, PasswordPolicy.Check(password, userName));

    [Fact]
    public void Five_failures_lock_for_15_minutes_and_the_count_starts_again_after()
    {
        var now = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
        var state = LockoutRule.AfterSuccess;
        for (var i = 1; i <= 4; i++)
        {
            state = LockoutRule.AfterFailure(state, now);
            Assert.Equal(i, state.FailedAttempts);
            Assert.False(state.IsLockedAt(now));
        }

        state = LockoutRule.AfterFailure(state, now);

        Assert.True(state.IsLockedAt(now));
        Assert.True(state.IsLockedAt(now.AddMinutes(14.9)));
        Assert.False(state.IsLockedAt(now.AddMinutes(15)));
        Assert.Equal(0, state.FailedAttempts);
    }

    [Fact]
    public void Failures_while_locked_do_not_extend_the_lock()
    {
        var now = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
        var locked = new LockoutState(0, now.AddMinutes(10));

        Assert.Equal(locked, LockoutRule.AfterFailure(locked, now));
    }

    [Fact]
    public void Only_the_administrator_manages_accounts_and_only_commission_roles_work_cases()
    {
        Assert.Equal([StaffRole.Administrator], StaffRole.All.Where(r => r.May(StaffPermission.ManageAccounts)));
        Assert.Equal([StaffRole.CommissionSecretary, StaffRole.CommissionMember], StaffRole.All.Where(r => r.May(StaffPermission.WorkCommissionCases)));
        Assert.Equal([StaffRole.CommissionSecretary], StaffRole.All.Where(r => r.May(StaffPermission.RecordCommissionDecisions)));
        Assert.Equal(StaffRole.ProjectOfficeAnalyst, StaffRole.FromCode("project_office_analyst"));
        Assert.Null(StaffRole.FromCode("root"));
    }

    [Fact]
    public void A_commission_account_needs_its_territory_and_a_national_one_has_none()
    {
        var district = StaffScope.Commission(CommissionLevel.District, Kato.Parse("711210000"));

        Assert.Empty(new NewStaffAccount("secretary.1", "Секретарь", StaffRole.CommissionSecretary, district).Check());
        Assert.Equal([AccountProblem.CommissionNeedsTerritory],
            new NewStaffAccount("secretary.1", "Секретарь", StaffRole.CommissionSecretary, StaffScope.National).Check());
        Assert.Equal([AccountProblem.NationalRoleHasTerritory],
            new NewStaffAccount("analyst.1", "Аналитик", StaffRole.ProjectOfficeAnalyst, district).Check());
        Assert.Equal([AccountProblem.UserNameInvalid, AccountProblem.DisplayNameMissing],
            new NewStaffAccount("a b", " ", StaffRole.Operator, StaffScope.National).Check());
    }

    [Fact]
    public void The_principal_carries_id_role_territory_and_security_stamp_and_reads_back()
    {
        var account = new StaffAccount(Guid.NewGuid(), "member.karaganda", "Член КДНЗП", StaffRole.CommissionMember,
            StaffScope.Commission(CommissionLevel.Region, Kato.Parse("350000000")), "hash", LockoutRule.AfterSuccess, false, "stamp-1",
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "test");

        var principal = StaffPrincipalFactory.Create(account, StaffClaims.PasswordMethod, "test");

        Assert.Equal(account.Id.ToString(), principal.FindFirst(StaffClaims.AccountId)?.Value);
        Assert.Equal("350000000", principal.FindFirst(StaffClaims.Territory)?.Value);
        Assert.Equal("region", principal.FindFirst(StaffClaims.CommissionLevel)?.Value);
        Assert.Equal("stamp-1", principal.FindFirst(StaffClaims.SecurityStamp)?.Value);
        Assert.Equal("pwd", principal.FindFirst(StaffClaims.AuthenticationMethod)?.Value);
        Assert.True(principal.IsInRole("commission_member"));
        Assert.Equal("member.karaganda", principal.Identity?.Name);
        Assert.Equal(new StaffUser(account.Id, account.UserName, account.DisplayName, account.Role, account.Scope), StaffUser.From(principal));
    }
}
