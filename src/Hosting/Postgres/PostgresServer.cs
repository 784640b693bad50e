using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Existing;
using Platform.Hosting.HealthChecks;

namespace Platform.Hosting.Postgres;

/// <summary>
/// A PostgreSQL server, local or existing, to reference, wait for and add databases to; the same AppHost code
/// works in both modes.
/// </summary>
public sealed class PostgresServer(IResourceBuilder<IResourceWithConnectionString> server) : IResourceBuilder<IResourceWithConnectionString>
{
    public IDistributedApplicationBuilder ApplicationBuilder => server.ApplicationBuilder;

    public IResourceWithConnectionString Resource => server.Resource;

    /// <summary>Whether it is a cluster the AppHost runs (false: a server from configuration).</summary>
    public bool IsLocal => server.Resource is LocalPostgresServerResource;

    /// <summary>
    /// The database <paramref name="name"/>: its own <c>ConnectionStrings:{name}</c> from configuration when given,
    /// otherwise a database on this server, created if missing.
    /// </summary>
    public IResourceBuilder<IResourceWithConnectionString> AddDatabase([ResourceName] string name, string? databaseName = null) =>
        ExistingServers.IsConfigured(ApplicationBuilder, name)
            ? ExistingServers.Add(ApplicationBuilder, name, ConnectionProbes.PostgresAsync)
            : PostgresDatabases.Add(server, name, databaseName ?? name);

    public IResourceBuilder<IResourceWithConnectionString> WithAnnotation<TAnnotation>(ResourceAnnotationMutationBehavior behavior = ResourceAnnotationMutationBehavior.Append)
        where TAnnotation : IResourceAnnotation, new()
    {
        server.WithAnnotation<TAnnotation>(behavior);
        return this;
    }

    public IResourceBuilder<IResourceWithConnectionString> WithAnnotation<TAnnotation>(TAnnotation annotation, ResourceAnnotationMutationBehavior behavior = ResourceAnnotationMutationBehavior.Append)
        where TAnnotation : IResourceAnnotation
    {
        server.WithAnnotation(annotation, behavior);
        return this;
    }
}
