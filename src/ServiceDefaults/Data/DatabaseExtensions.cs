using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.ServiceDefaults.Data;

public static class DatabaseExtensions
{
    public const string PlatformComponent = "platform";
    public const string ServiceComponent = "service";

    /// <summary>
    /// Registers the service's one <see cref="NpgsqlDataSource"/> from <c>ConnectionStrings:{connectionName}</c>,
    /// a health check that really queries it, and the migrations embedded in <paramref name="migrationsAssembly"/>
    /// (the entry assembly by default) together with the platform's own (outbox and inbox tables), applied once at
    /// start before the service takes traffic.
    /// </summary>
    public static TBuilder AddPlatformDatabase<TBuilder>(this TBuilder builder, string connectionName, Assembly? migrationsAssembly = null)
        where TBuilder : IHostApplicationBuilder
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing: set ConnectionStrings__{connectionName} (the AppHost injects it).");

        builder.Services.AddSingleton(services => new NpgsqlDataSourceBuilder(connectionString) { Name = connectionName }
            .UseLoggerFactory(services.GetRequiredService<ILoggerFactory>())
            // Only commands that are part of some operation: background polling (the outbox relay, health
            // checks) would otherwise fill the trace list with one-span traces.
            .ConfigureTracing(tracing => tracing
                .EnableFirstResponseEvent(false)
                .EnablePhysicalOpenTracing(false)
                .ConfigureCommandFilter(_ => System.Diagnostics.Activity.Current is not null)
                .ConfigureBatchFilter(_ => System.Diagnostics.Activity.Current is not null))
            .Build());

        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>(connectionName);

        // The platform's own tables (outbox, inbox) first: the service's migrations may refer to them.
        var migrations = SqlMigration.LoadEmbedded(typeof(DatabaseExtensions).Assembly, PlatformComponent)
            .Concat(SqlMigration.LoadEmbedded(migrationsAssembly ?? Assembly.GetEntryAssembly()!, ServiceComponent))
            .ToList();
        builder.Services.AddSingleton(new SqlMigrator(migrations));
        builder.Services.AddHostedService<MigrationsAtStartup>();
        return builder;
    }
}
