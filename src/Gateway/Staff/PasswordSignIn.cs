namespace Platform.Gateway.Staff;

/// <summary>
/// Checks a user name and password. Every refusal looks the same to the caller (unknown user, wrong password, locked,
/// disabled) and costs the same: a password hash is always derived, even for an unknown user, so neither the answer
/// nor its timing tells whether an account exists. The reason is logged for operators.
/// </summary>
public sealed class PasswordSignIn
{
    private enum SignInRefusal { UnknownUserName, AccountDisabled, AccountLocked, WrongPassword }

    private readonly StaffAccountStore _accounts;
    private readonly StaffPasswordHasher _hasher;
    private readonly TimeProvider _time;
    private readonly ILogger<PasswordSignIn> _logger;
    // A hash with today's parameters that no password matches, checked when the user name is unknown.
    private readonly string _unknownUserHash;

    public PasswordSignIn(StaffAccountStore accounts, StaffPasswordHasher hasher, TimeProvider time, ILogger<PasswordSignIn> logger)
    {
        (_accounts, _hasher, _time, _logger) = (accounts, hasher, time, logger);
        _unknownUserHash = hasher.Hash(Guid.NewGuid().ToString());
    }

    /// <summary>The account when the password is right and the account may sign in now; otherwise null.</summary>
    public async Task<StaffAccount?> CheckAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var account = string.IsNullOrWhiteSpace(userName) ? null : await _accounts.FindByUserNameAsync(userName, cancellationToken);
        var check = _hasher.Verify(password, account?.PasswordHash ?? _unknownUserHash);
        var refusal = account switch
        {
            null => SignInRefusal.UnknownUserName,
            { Disabled: true } => SignInRefusal.AccountDisabled,
            _ when account.Lockout.IsLockedAt(_time.GetUtcNow()) => SignInRefusal.AccountLocked,
            _ when check == PasswordCheck.Wrong => SignInRefusal.WrongPassword,
            _ => (SignInRefusal?)null,
        };
        if (refusal is { } reason)
        {
            _logger.LogWarning("Staff sign-in refused for {UserName}: {Reason}", userName, reason);
            if (reason == SignInRefusal.WrongPassword
                && await _accounts.RecordFailedSignInAsync(account!.Id, cancellationToken) is { } after
                && after.IsLockedAt(_time.GetUtcNow()))
                _logger.LogWarning("Staff account {UserName} locked until {LockedUntil} after repeated wrong passwords", account.UserName, after.LockedUntil);
            return null;
        }
        await _accounts.RecordSuccessfulSignInAsync(account!.Id,
            check == PasswordCheck.CorrectButOutdated ? _hasher.Hash(password) : null, cancellationToken);
        _logger.LogInformation("Staff {UserName} ({AccountId}) signed in with a password", account.UserName, account.Id);
        return account;
    }
}
