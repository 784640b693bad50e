using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.DataFolders;
using Platform.Hosting.Existing;
using Platform.Hosting.HealthChecks;
using Platform.Hosting.Processes;

namespace Platform.Hosting.RabbitMQ;

public static class RabbitMQBuilderExtensions
{
    /// <summary>
    /// The RabbitMQ broker <paramref name="name"/>: the existing one in <c>ConnectionStrings:{name}</c> when
    /// configuration has it (no process is started), otherwise a local node (<see cref="AddLocalRabbitMQ"/>).
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddRabbitMQServer(this IDistributedApplicationBuilder builder, [ResourceName] string name) =>
        ExistingServers.IsConfigured(builder, name)
            ? ExistingServers.Add(builder, name, ConnectionProbes.RabbitMQAsync)
            : builder.AddLocalRabbitMQ(name);

    /// <summary>
    /// A private RabbitMQ node in the data folder and its port mapper (<c>{name}-epmd</c>), run as executable
    /// resources. The user's password is a generated parameter, which Aspire keeps in the AppHost's user secrets.
    /// </summary>
    public static IResourceBuilder<LocalRabbitMQServerResource> AddLocalRabbitMQ(this IDistributedApplicationBuilder builder, [ResourceName] string name,
        IResourceBuilder<ParameterResource>? password = null)
    {
        var dataFolder = HostingDataFolder.Of(builder);
        var installation = RabbitMQInstallation.From(builder.Configuration);
        var dataDirectory = Path.Combine(dataFolder.Root, name);
        var files = new RabbitMQNodeFiles(dataDirectory);
        var epmd = AddEpmd(builder, $"{name}-epmd", installation, dataFolder);
        var passwordParameter = password?.Resource
            ?? ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var server = new LocalRabbitMQServerResource(name, installation, dataDirectory, passwordParameter, epmd.Resource);

        return builder.AddResource(server)
            .WithEndpoint(name: LocalRabbitMQServerResource.AmqpEndpointName, scheme: "tcp", isProxied: false)
            .WithEndpoint(name: LocalRabbitMQServerResource.DistributionEndpointName, scheme: "tcp", isProxied: false)
            .WithEnvironment(context =>
            {
                var environment = context.EnvironmentVariables;
                environment["HOME"] = files.Home;
                environment["RABBITMQ_NODENAME"] = server.NodeName;
                environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
                environment["RABBITMQ_NODE_PORT"] = server.AmqpEndpoint.Property(EndpointProperty.TargetPort);
                environment["RABBITMQ_DIST_PORT"] = server.DistributionEndpoint.Property(EndpointProperty.TargetPort);
                environment["ERL_EPMD_PORT"] = server.Epmd.Endpoint.Property(EndpointProperty.TargetPort);
                environment["RABBITMQ_MNESIA_BASE"] = files.Mnesia;
                environment["RABBITMQ_LOG_BASE"] = files.Logs;
                environment["RABBITMQ_LOGS"] = "-";
                environment["RABBITMQ_CONFIG_FILE"] = files.ConfigFile;
                environment["RABBITMQ_ADVANCED_CONFIG_FILE"] = files.AdvancedConfigFile;
                environment["RABBITMQ_CONF_ENV_FILE"] = files.EnvironmentFile;
                environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = files.PluginsFile;
                environment["RABBITMQ_PID_FILE"] = files.PidFile;
                // The script then execs the Erlang VM, so beam.smp is DCP's own child and gets its stop signal. (Its other
                // way to exec, RABBITMQ_ALLOW_INPUT, starts an Erlang shell that ends the node at once on DCP's empty stdin.)
                environment["RUNNING_UNDER_SYSTEMD"] = "true";
                // Our epmd (waited for below), never a daemonised one that outlives the platform: ERL_FLAGS reaches every
                // Erlang VM the node starts, including the helper its boot runs to "ensure epmd", which, when our epmd was
                // already stopped (the AppHost stopping during the node's boot), would start `epmd -daemon` and leave it.
                environment["ERL_FLAGS"] = "-start_epmd false";
                // Distribution on loopback only.
                environment["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}";
                environment[StaleProcesses.MarkerVariable] = dataDirectory;
            })
            .WithIconName("Mailbox")
            .WaitFor(epmd)
            .OnBeforeResourceStarted(async (resource, _, cancellationToken) =>
            {
                dataFolder.Prepare();
                resource.Installation.Server.EnsureInstalled();
                await StaleProcesses.StopAsync(dataDirectory, TimeSpan.FromSeconds(30), cancellationToken);
                await files.WriteAsync(LocalRabbitMQServerResource.UserName, await resource.PasswordParameter.GetValueAsync(cancellationToken) ?? "", cancellationToken);
            })
            .WithProbe(ConnectionProbes.RabbitMQAsync);
    }

    private static IResourceBuilder<EpmdResource> AddEpmd(IDistributedApplicationBuilder builder, string name, RabbitMQInstallation installation, HostingDataFolder dataFolder)
    {
        var workingDirectory = Path.Combine(dataFolder.Root, name);
        var epmd = new EpmdResource(name, installation, workingDirectory);
        return builder.AddResource(epmd)
            .WithEndpoint(name: EpmdResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add("-address");
                context.Args.Add("127.0.0.1");
                context.Args.Add("-port");
                context.Args.Add(epmd.Endpoint.Property(EndpointProperty.TargetPort));
            })
            .WithEnvironment(StaleProcesses.MarkerVariable, workingDirectory)
            .OnBeforeResourceStarted(async (resource, _, cancellationToken) =>
            {
                Directory.CreateDirectory(dataFolder.Prepare(name));
                resource.Installation.Epmd.EnsureInstalled();
                await StaleProcesses.StopAsync(resource.WorkingDirectory, TimeSpan.FromSeconds(5), cancellationToken);
            })
            .WithProbe((resource, cancellationToken) => ConnectionProbes.TcpAsync(resource.Endpoint, cancellationToken));
    }
}
