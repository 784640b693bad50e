using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Existing;
using Platform.Hosting.HealthChecks;

namespace Platform.Hosting.Postgres;

public static class PostgresServerBuilderExtensions
{
    /// <summary>
    /// The PostgreSQL server <paramref name="name"/>: the existing one in <c>ConnectionStrings:{name}</c> when
    /// configuration has it (no process is started), otherwise a local cluster (<see cref="LocalPostgresBuilderExtensions.AddLocalPostgres"/>).
    /// </summary>
    public static PostgresServer AddPostgresServer(this IDistributedApplicationBuilder builder, [ResourceName] string name) =>
        new(ExistingServers.IsConfigured(builder, name)
            ? ExistingServers.Add(builder, name, ConnectionProbes.PostgresAsync)
            : builder.AddLocalPostgres(name));
}
