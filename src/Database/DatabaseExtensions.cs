using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Platform.Database;

public static class DatabaseExtensions
{
    public const string PlatformComponent = "platform";
    public const string ServiceComponent = "service";

    /// <summary>
    /// Registers the service's one <see cref="NpgsqlDataSource"/> from <c>ConnectionStrings:{connectionName}</c> through
    /// Aspire's Npgsql client integration (logging, tracing, metrics), a health check named after the database that
    /// really queries it, and the migrations embedded in <paramref name="migrationsAssembly"/>
    /// (the entry assembly by default) together with the platform's own (outbox and inbox tables), applied once at
    /// start before the service takes traffic.
    /// </summary>
    public static TBuilder AddPlatformDatabase<TBuilder>(this TBuilder builder, string connectionName, Assembly? migrationsAssembly = null)
        where TBuilder : IHostApplicationBuilder
    {
        if (builder.Configuration.GetConnectionString(connectionName) is not { Length: > 0 })
            throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing: set ConnectionStrings__{connectionName} (the AppHost injects it).");

        builder.AddNpgsqlDataSource(connectionName,
            // Named after the database, so an operator reading /health sees which one failed.
            settings => settings.DisableHealthChecks = true,
            dataSource =>
            {
                dataSource.Name = connectionName;
                // Only commands that are part of some operation: background polling (the outbox relay, health
                // checks) would otherwise fill the trace list with one-span traces.
                dataSource.ConfigureTracing(tracing => tracing
                    .EnableFirstResponseEvent(false)
                    .EnablePhysicalOpenTracing(false)
                    .ConfigureCommandFilter(_ => System.Diagnostics.Activity.Current is not null)
                    .ConfigureBatchFilter(_ => System.Diagnostics.Activity.Current is not null));
            });
        builder.Services.AddHealthChecks().AddNpgSql(services => services.GetRequiredService<NpgsqlDataSource>(), name: connectionName);

        // The platform's own tables (outbox, inbox) first: the service's migrations may refer to them.
        var migrations = SqlMigration.LoadEmbedded(typeof(DatabaseExtensions).Assembly, PlatformComponent)
            .Concat(SqlMigration.LoadEmbedded(migrationsAssembly ?? Assembly.GetEntryAssembly()!, ServiceComponent))
            .ToList();
        builder.Services.AddSingleton(new SqlMigrator(migrations));
        builder.Services.AddHostedService<MigrationsAtStartup>();
        return builder;
    }
}
