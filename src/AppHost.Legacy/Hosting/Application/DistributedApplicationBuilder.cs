using Microsoft.Extensions.Configuration;
using Platform.AppHost.Hosting.Security;
using Platform.AppHost.Dashboard;
using Platform.AppHost.Hosting.Logs;
using Platform.AppHost.Hosting.Orchestration;
using Platform.AppHost.Hosting.Processes;
using Platform.AppHost.Hosting.Resources;
using Platform.AppHost.Hosting.Runners;

namespace Platform.AppHost.Hosting.Application;

/// <summary>Declares the resources of the platform, then builds the application that runs them.</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];

    public DistributedApplicationBuilder(DistributedApplicationOptions options, IConfiguration? configuration = null)
    {
        Options = options;
        Configuration = configuration ?? new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(options.Args.Where(a => a is not "--fresh").ToArray())
            .Build();
    }

    public static DistributedApplicationBuilder CreateBuilder(string[] args) => new(DistributedApplicationOptions.FromArgs(args));

    public DistributedApplicationOptions Options { get; }

    /// <summary>appsettings.json, environment and command line: where existing servers' connection strings come from.</summary>
    public IConfiguration Configuration { get; }

    public IReadOnlyList<Resource> Resources => _resources;

    public IResourceBuilder<T> AddResource<T>(T resource) where T : Resource
    {
        if (_resources.Any(r => r.Name == resource.Name))
            throw new InvalidOperationException($"A resource named '{resource.Name}' is already declared.");
        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    public IResourceBuilder<PostgresServerResource> AddPostgres(string name) => AddResource(new PostgresServerResource(name));

    public IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(string name) => AddResource(new RabbitMQServerResource(name));

    /// <summary>The platform's certificates for mutual TLS (see <see cref="PlatformCertificates"/>); null until added.</summary>
    public PlatformCertificates? Certificates { get; private set; }

    public PlatformCertificates AddPlatformCertificates() => Certificates ??= new PlatformCertificates(Configuration);

    /// <summary>A service from the AppHost's project references; it gets an HTTP endpoint by default.</summary>
    public IResourceBuilder<ProjectResource> AddProject<TProject>(string name) where TProject : IProjectMetadata, new()
    {
        var project = new ProjectResource(name, new TProject());
        project.Endpoints.Add(new EndpointAnnotation(ProjectResource.HttpEndpointName, "http", Http2Only: false, FixedPort: null));
        return AddResource(project);
    }

    /// <summary>
    /// Resolves what each resource needs before anything starts — existing servers from configuration, ports,
    /// passwords — so every connection string and URL is known up front, as in Aspire.
    /// </summary>
    public DistributedApplication Build()
    {
        if (Options.Fresh) WipeDataDirectory();
        Directory.CreateDirectory(Options.DataDirectory);
        var secrets = new DevelopmentSecrets(Options.DataDirectory);
        var staleProcesses = new StaleProcessGuard(Options.DataDirectory);
        var logs = new ResourceLogStore(echo: Options.EchoResourceLogs ? TerminalOutput.Echo : null);

        foreach (var resource in _resources) AssignAddresses(resource, secrets);
        Certificates?.Prepare(Options.DataDirectory);
        var dashboard = Options.DashboardEnabled ? CreateDashboardOptions() : null;
        var otlp = dashboard is null ? null : new OtlpExport(dashboard.OtlpGrpcUrl, "grpc", dashboard.OtlpApiKey);

        var runners = _resources.ToDictionary(r => r.Name, r => CreateRunner(r, staleProcesses, logs, otlp));
        return new DistributedApplication(Options, dashboard, _resources, runners, new ResourceNotificationService(), logs, staleProcesses)
        {
            Certificates = Certificates,
        };
    }

    private void AssignAddresses(Resource resource, DevelopmentSecrets secrets)
    {
        var existing = Configuration.GetConnectionString(resource.Name);
        switch (resource)
        {
            case PostgresServerResource server when existing is not null:
                server.ExistingConnectionString = existing;
                break;
            case PostgresServerResource server:
                server.Port = FreePorts.Allocate();
                server.Password = secrets.PasswordFor(server.Name);
                break;
            case PostgresDatabaseResource database:
                database.ExistingConnectionString = existing;
                break;
            case RabbitMQServerResource broker when existing is not null:
                broker.ExistingConnectionString = existing;
                break;
            case RabbitMQServerResource broker:
                broker.Port = FreePorts.Allocate();
                broker.DistributionPort = FreePorts.Allocate();
                broker.EpmdPort = FreePorts.Allocate();
                broker.Password = secrets.PasswordFor(broker.Name);
                break;
            case ProjectResource project:
                foreach (var endpoint in project.Endpoints)
                    endpoint.Port = endpoint.FixedPort is { } fixedPort && !Options.RandomizePorts ? fixedPort : FreePorts.Allocate();
                break;
        }
    }

    /// <summary>Ports, limits and retention, overridable as Dashboard:* in configuration (e.g. Dashboard__MaximumSpans).</summary>
    private DashboardOptions CreateDashboardOptions()
    {
        var defaults = new DashboardOptions { TelemetryDirectory = Path.Combine(Options.DataDirectory, "telemetry") };
        var section = Configuration.GetSection("Dashboard");
        int Port(string key, int fallback) => Options.RandomizePorts ? FreePorts.Allocate() : section.GetValue(key, fallback);
        return defaults with
        {
            UiPort = Port("UiPort", DashboardOptions.DefaultUiPort),
            OtlpHttpPort = Port("OtlpHttpPort", DashboardOptions.DefaultOtlpHttpPort),
            OtlpGrpcPort = Port("OtlpGrpcPort", DashboardOptions.DefaultOtlpGrpcPort),
            TelemetryRetention = section.GetValue("TelemetryRetention", defaults.TelemetryRetention),
            MaximumSpans = section.GetValue("MaximumSpans", defaults.MaximumSpans),
            MaximumLogEntries = section.GetValue("MaximumLogEntries", defaults.MaximumLogEntries),
            MaximumMetricPoints = section.GetValue("MaximumMetricPoints", defaults.MaximumMetricPoints),
        };
    }

    private ResourceRunner CreateRunner(Resource resource, StaleProcessGuard staleProcesses, ResourceLogStore logs, OtlpExport? otlp)
    {
        var directory = Path.Combine(Options.DataDirectory, resource.Name);
        return resource switch
        {
            PostgresServerResource { ExistingConnectionString: { } existing } =>
                new ExistingServerRunner(ct => ConnectionProbes.PostgresAsync(existing, ct)),
            PostgresServerResource server => new PostgresServerRunner(server, directory, staleProcesses, logs.For(server.Name)),
            PostgresDatabaseResource database => new PostgresDatabaseRunner(database),
            RabbitMQServerResource { ExistingConnectionString: { } existing } =>
                new ExistingServerRunner(ct => ConnectionProbes.RabbitMQAsync(existing, ct)),
            RabbitMQServerResource broker => new RabbitMQServerRunner(broker, directory, staleProcesses, logs),
            ProjectResource project => new ProjectRunner(project,
                ProjectEnvironment.Build(project, Options.EnvironmentName, $"{project.Name}-{Guid.NewGuid().ToString("N")[..8]}", otlp),
                staleProcesses, logs.For(project.Name)),
            _ => throw new InvalidOperationException($"No runner knows how to run '{resource.Name}' ({resource.Type})."),
        };
    }

    private void WipeDataDirectory()
    {
        if (!Directory.Exists(Options.DataDirectory)) return;
        // Anything a killed AppHost left running would hold the folder; stop it before deleting.
        new StaleProcessGuard(Options.DataDirectory).StopAllStaleAsync().GetAwaiter().GetResult();
        Directory.Delete(Options.DataDirectory, recursive: true);
    }
}
