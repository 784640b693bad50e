using Npgsql;
using Platform.AppHost.Hosting.Resources;

namespace Platform.AppHost.Hosting.Runners;

/// <summary>Creates the database on its server when it does not exist yet; its health is a real connection to it.</summary>
public sealed class PostgresDatabaseRunner(PostgresDatabaseResource database) : ResourceRunner
{
    public override bool IsExisting => database.ExistingConnectionString is not null;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (IsExisting) return;
        await using var connection = new NpgsqlConnection(database.Server.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new() { Value = database.DatabaseName });
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null) return;

        // Identifiers cannot be parameters; the name was validated as a resource name ([a-z0-9-]).
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.DatabaseName}\"", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    public override Task<string?> CheckHealthAsync(CancellationToken cancellationToken) =>
        ConnectionProbes.PostgresAsync(database.ConnectionString, cancellationToken);

    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
