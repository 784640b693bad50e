using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.Database;

/// <summary>
/// Applies pending migrations, each in its own transaction, under a PostgreSQL advisory lock so that
/// instances starting together apply every migration exactly once.
/// </summary>
public sealed class SqlMigrator(IReadOnlyList<SqlMigration> migrations)
{
    // Any fixed 64-bit number works; it only has to be the same in every instance of every service.
    private const long AdvisoryLockKey = 0x504C_4154_4D49_4752; // "PLATMIGR"

    public IReadOnlyList<SqlMigration> Migrations => migrations;

    public async Task<IReadOnlyList<SqlMigration>> ApplyAsync(NpgsqlDataSource dataSource, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    component  text NOT NULL,
                    version    integer NOT NULL,
                    name       text NOT NULL,
                    checksum   text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (component, version))
                """, cancellationToken);

            var applied = await ReadAppliedAsync(connection, cancellationToken);
            var newlyApplied = new List<SqlMigration>();
            foreach (var migration in migrations)
            {
                if (applied.TryGetValue((migration.Component, migration.Version), out var checksum))
                {
                    if (checksum != migration.Checksum)
                        throw new InvalidOperationException(
                            $"Migration {migration.Component}/{migration.Version}_{migration.Name} was changed after it was applied; add a new migration instead.");
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, migration.Sql, cancellationToken);
                await using (var record = new NpgsqlCommand(
                    "INSERT INTO schema_migrations (component, version, name, checksum) VALUES ($1, $2, $3, $4)", connection))
                {
                    record.Parameters.Add(new() { Value = migration.Component });
                    record.Parameters.Add(new() { Value = migration.Version });
                    record.Parameters.Add(new() { Value = migration.Name });
                    record.Parameters.Add(new() { Value = migration.Checksum });
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied migration {Component}/{Version}_{Name}", migration.Component, migration.Version, migration.Name);
                newlyApplied.Add(migration);
            }
            return newlyApplied;
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private static async Task<Dictionary<(string Component, int Version), string>> ReadAppliedAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<(string, int), string>();
        await using var command = new NpgsqlCommand("SELECT component, version, checksum FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            applied[(reader.GetString(0), reader.GetInt32(1))] = reader.GetString(2);
        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
