using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Platform.Hosting.DataFolders;
using Platform.Hosting.HealthChecks;
using Platform.Hosting.Processes;

namespace Platform.Hosting.Postgres;

public static class LocalPostgresBuilderExtensions
{
    /// <summary>
    /// A private PostgreSQL cluster in the data folder, run as an executable resource (no container engine needed).
    /// Its superuser password is a generated parameter, which Aspire keeps in the AppHost's user secrets.
    /// </summary>
    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, [ResourceName] string name,
        IResourceBuilder<ParameterResource>? password = null)
    {
        var dataFolder = HostingDataFolder.Of(builder);
        var installation = PostgresInstallation.From(builder.Configuration);
        var passwordParameter = password?.Resource
            ?? ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var dataDirectory = Path.Combine(dataFolder.Root, name);
        // PostgreSQL refuses to run as root.
        var (command, prefix) = SystemUser.RunAs("postgres", installation.Postgres.Path, []);
        var server = new LocalPostgresServerResource(name, command, dataDirectory, installation, passwordParameter);

        return builder.AddResource(server)
            .WithEndpoint(name: LocalPostgresServerResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                foreach (var argument in prefix) context.Args.Add(argument);
                foreach (var argument in new[] { "-D", server.ClusterDirectory, "-h", "127.0.0.1", "-c", "unix_socket_directories=",
                             "-c", "max_connections=300", "-p" })
                    context.Args.Add(argument);
                context.Args.Add(server.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithEnvironment(StaleProcesses.MarkerVariable, dataDirectory)
            .WithIconName("DatabaseMultiple")
            .OnBeforeResourceStarted(async (resource, @event, cancellationToken) =>
            {
                dataFolder.Prepare();
                var logger = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource);
                await StaleProcesses.StopAsync(dataDirectory, TimeSpan.FromSeconds(30), cancellationToken);
                var passwordValue = await resource.PasswordParameter.GetValueAsync(cancellationToken) ?? "";
                await new PostgresCluster(resource).PrepareAsync(passwordValue, logger, cancellationToken);
            })
            .WithProbe(ConnectionProbes.PostgresAsync);
    }

    /// <summary>A database on the local cluster, created once the server is up if it is not there yet.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddDatabase(this IResourceBuilder<LocalPostgresServerResource> server,
        [ResourceName] string name, string? databaseName = null) =>
        PostgresDatabases.Add(server, name, databaseName ?? name);
}
