using Microsoft.Extensions.Caching.Memory;
using Npgsql;
using Platform.Contracts.Territory;

namespace Platform.Gateway.Staff;

/// <summary>What a signed-in session is checked against on each request.</summary>
public sealed record StaffSessionState(string SecurityStamp, bool Disabled);

/// <summary>Staff accounts in <c>gateway.staff_accounts</c>. Every change records who made it.</summary>
public sealed class StaffAccountStore(NpgsqlDataSource dataSource, IMemoryCache cache, TimeProvider time)
{
    /// <summary>
    /// How long a session check may rely on what it read. Changes made through this instance are seen at once; those
    /// made through another Gateway instance within this time.
    /// </summary>
    public static readonly TimeSpan SessionStateCacheDuration = TimeSpan.FromSeconds(10);

    private const string Columns = """
        id, user_name, display_name, role, commission_level, territory_kato, password_hash, failed_attempts, locked_until,
        disabled, security_stamp, created_at, updated_at, updated_by
        """;

    public async Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM gateway.staff_accounts ORDER BY lower(user_name)");
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM gateway.staff_accounts)");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<StaffAccount?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM gateway.staff_accounts WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return (await ReadAllAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<StaffAccount?> FindByUserNameAsync(string userName, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM gateway.staff_accounts WHERE lower(user_name) = lower($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = userName.Trim() });
        return (await ReadAllAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Creates the account; null when the user name is taken (user names are unique ignoring case).</summary>
    public async Task<Guid?> CreateAsync(NewStaffAccount account, string passwordHash, string actor, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        await using var command = dataSource.CreateCommand("""
            INSERT INTO gateway.staff_accounts (id, user_name, display_name, role, commission_level, territory_kato,
                password_hash, security_stamp, created_at, updated_at, updated_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)
            """);
        AddParameters(command, id, account.UserName.Trim(), account.DisplayName.Trim(), account.Role.Code,
            account.Scope.Level?.ToString().ToLowerInvariant(), account.Scope.Territory?.Value, passwordHash, NewSecurityStamp(),
            time.GetUtcNow(), actor);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return id;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return null;
        }
    }

    /// <summary>Counts a wrong password under a row lock, so concurrent attempts cannot slip past the lockout.</summary>
    public async Task<LockoutState?> RecordFailedSignInAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var select = new NpgsqlCommand(
            "SELECT failed_attempts, locked_until FROM gateway.staff_accounts WHERE id = $1 FOR UPDATE", connection, transaction);
        select.Parameters.Add(new NpgsqlParameter { Value = id });
        LockoutState current;
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken)) return null;
            current = new LockoutState(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
        }
        var next = LockoutRule.AfterFailure(current, time.GetUtcNow());
        await using var update = new NpgsqlCommand(
            "UPDATE gateway.staff_accounts SET failed_attempts = $2, locked_until = $3 WHERE id = $1", connection, transaction);
        AddParameters(update, id, next.FailedAttempts, next.LockedUntil);
        await update.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return next;
    }

    /// <summary>Clears the failure count; replaces the hash when it was made with weaker parameters than today's.</summary>
    public async Task RecordSuccessfulSignInAsync(Guid id, string? upgradedPasswordHash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE gateway.staff_accounts
            SET failed_attempts = 0, locked_until = NULL, password_hash = coalesce($2, password_hash)
            WHERE id = $1
            """);
        AddParameters(command, id, upgradedPasswordHash);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Sets a new password, clears any lockout and ends every session of the account.</summary>
    public Task<bool> SetPasswordAsync(Guid id, string passwordHash, string actor, CancellationToken cancellationToken) =>
        UpdateAsync(id, "password_hash = $4, failed_attempts = 0, locked_until = NULL, security_stamp = $5", actor, cancellationToken,
            passwordHash, NewSecurityStamp());

    /// <summary>Disabling also ends every session of the account; enabling lets it sign in again.</summary>
    public Task<bool> SetDisabledAsync(Guid id, bool disabled, string actor, CancellationToken cancellationToken) =>
        UpdateAsync(id, "disabled = $4, security_stamp = $5", actor, cancellationToken, disabled, NewSecurityStamp());

    public Task<bool> UnlockAsync(Guid id, string actor, CancellationToken cancellationToken) =>
        UpdateAsync(id, "failed_attempts = 0, locked_until = NULL", actor, cancellationToken);

    public async Task<StaffSessionState?> GetSessionStateAsync(Guid id, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(SessionCacheKey(id), out StaffSessionState? cached)) return cached;
        await using var command = dataSource.CreateCommand("SELECT security_stamp, disabled FROM gateway.staff_accounts WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var state = await reader.ReadAsync(cancellationToken) ? new StaffSessionState(reader.GetString(0), reader.GetBoolean(1)) : null;
        cache.Set(SessionCacheKey(id), state, SessionStateCacheDuration);
        return state;
    }

    private async Task<bool> UpdateAsync(Guid id, string assignments, string actor, CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = dataSource.CreateCommand(
            $"UPDATE gateway.staff_accounts SET {assignments}, updated_at = $2, updated_by = $3 WHERE id = $1");
        AddParameters(command, [id, time.GetUtcNow(), actor, .. values]);
        var updated = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        cache.Remove(SessionCacheKey(id));
        return updated;
    }

    private static string SessionCacheKey(Guid id) => $"staff-session:{id}";

    private static string NewSecurityStamp() => Guid.NewGuid().ToString("N");

    private static void AddParameters(NpgsqlCommand command, params object?[] values)
    {
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
    }

    private static async Task<IReadOnlyList<StaffAccount>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var accounts = new List<StaffAccount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var scope = reader.IsDBNull(4)
                ? StaffScope.National
                : StaffScope.Commission(Enum.Parse<CommissionLevel>(reader.GetString(4), ignoreCase: true), Kato.Parse(reader.GetString(5)));
            accounts.Add(new StaffAccount(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
                StaffRole.FromCode(reader.GetString(3)) ?? throw new InvalidOperationException($"Unknown staff role '{reader.GetString(3)}'."),
                scope, reader.GetString(6),
                new LockoutState(reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8)),
                reader.GetBoolean(9), reader.GetString(10), reader.GetFieldValue<DateTimeOffset>(11), reader.GetFieldValue<DateTimeOffset>(12),
                reader.GetString(13)));
        }
        return accounts;
    }
}
