namespace Platform.Gateway.Staff;

/// <summary>
/// Checks a user name and password. Every refusal looks the same to the caller (unknown user, wrong password, locked,
/// disabled) and costs the same: a password hash is always derived, even for an unknown user, so neither the answer
/// nor its timing tells whether an account exists.
/// </summary>
public sealed class PasswordSignIn(StaffAccountStore accounts, StaffPasswordHasher hasher, TimeProvider time)
{
    // Hashed once per process with today's parameters, so an unknown user costs as much as a known one.
    private readonly Lazy<string> _unknownUserHash = new(() => hasher.Hash(Guid.NewGuid().ToString()));

    /// <summary>The account when the password is right and the account may sign in now; otherwise null.</summary>
    public async Task<StaffAccount?> CheckAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var account = string.IsNullOrWhiteSpace(userName) ? null : await accounts.FindByUserNameAsync(userName, cancellationToken);
        var check = hasher.Verify(password, account?.PasswordHash ?? _unknownUserHash.Value);
        if (account is null || account.Disabled || account.Lockout.IsLockedAt(time.GetUtcNow())) return null;
        if (check == PasswordCheck.Wrong)
        {
            await accounts.RecordFailedSignInAsync(account.Id, cancellationToken);
            return null;
        }
        await accounts.RecordSuccessfulSignInAsync(account.Id,
            check == PasswordCheck.CorrectButOutdated ? hasher.Hash(password) : null, cancellationToken);
        return account;
    }
}
