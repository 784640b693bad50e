namespace Platform.Gateway.Staff;

/// <summary>The lockout state of an account as stored.</summary>
public readonly record struct LockoutState(int FailedAttempts, DateTimeOffset? LockedUntil)
{
    public bool IsLockedAt(DateTimeOffset now) => LockedUntil > now;
}

/// <summary>
/// Five wrong passwords in a row lock an account for 15 minutes; the count starts again after the lock, and a right
/// password (while not locked) clears it. Attempts while locked are refused without counting, so an attacker cannot
/// keep an account locked forever by hammering it, only for the 15 minutes after each five failures; an administrator
/// can unlock at once.
/// </summary>
public static class LockoutRule
{
    public const int MaximumFailedAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public static LockoutState AfterFailure(LockoutState state, DateTimeOffset now)
    {
        if (state.IsLockedAt(now)) return state;
        var failed = state.FailedAttempts + 1;
        return failed >= MaximumFailedAttempts
            ? new LockoutState(0, now + LockoutDuration)
            : new LockoutState(failed, state.LockedUntil);
    }

    public static LockoutState AfterSuccess => new(0, null);
}
