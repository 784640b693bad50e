using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.Database;

/// <summary>Runs before Kestrel starts listening, so a service never takes traffic on an old schema.</summary>
internal sealed class MigrationsAtStartup(SqlMigrator migrator, NpgsqlDataSource dataSource, ILogger<MigrationsAtStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await migrator.ApplyAsync(dataSource, logger, cancellationToken);
        logger.LogInformation("Database schema is current: {Applied} of {Total} migrations applied now",
            applied.Count, migrator.Migrations.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
