using Platform.AppHost.Hosting.Application;

namespace Platform.AppHost;

/// <summary>
/// The platform's resources and how they connect. Program.cs runs it; the tests build the very same model.
/// </summary>
public static class PlatformModel
{
    public const int GatewayHttpPort = 18080;
    public const string StaffSeedPasswordKey = "Staff:SeedPassword";
    /// <summary>The per-caller rate limits (<c>RateLimits:CallsPerSecond</c>, <c>RateLimits:Burst</c>): when configured, they reach every service.</summary>
    public const string CallerRateLimitsSection = "RateLimits";

    /// <summary>The agency services, for what is added around them (the demo data load).</summary>
    public sealed record AgencyServices(
        IResourceBuilder<Hosting.Resources.ProjectResource> Education,
        IResourceBuilder<Hosting.Resources.ProjectResource> Health,
        IResourceBuilder<Hosting.Resources.ProjectResource> Social);

    public static AgencyServices Define(DistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres("postgres");
        var messaging = builder.AddRabbitMQ("messaging");
        var certificates = builder.AddPlatformCertificates();

        var education = AddAgencyService<Projects.Services_Education>(builder, "education", postgres.AddDatabase("education-db"), messaging, certificates);
        var health = AddAgencyService<Projects.Services_Health>(builder, "health", postgres.AddDatabase("health-db"), messaging, certificates);
        var social = AddAgencyService<Projects.Services_Social>(builder, "social", postgres.AddDatabase("social-db"), messaging, certificates);

        var gatewayDb = postgres.AddDatabase("gateway-db");
        var gateway = builder.AddProject<Projects.Gateway>("gateway")
            .WithHttpEndpoint(GatewayHttpPort)
            .WithGrpcEndpoint()
            .WithMutualTls(certificates)
            .WithReference(gatewayDb).WaitFor(gatewayDb)
            .WithReference(messaging).WaitFor(messaging)
            .WithReference(education)
            .WithReference(health)
            .WithReference(social)
            .WithHttpHealthCheck("/health")
            .WithConfigurationSection(builder.Configuration.GetSection(CallerRateLimitsSection));
        // The development staff accounts' password (otherwise generated and written to the Gateway's log once).
        if (builder.Configuration[StaffSeedPasswordKey] is { Length: > 0 } seedPassword)
            gateway.WithEnvironment("Staff__SeedPassword", seedPassword);
        return new AgencyServices(education, health, social);
    }

    /// <summary>
    /// A one-off load of synthetic children into the agency services once they are healthy (the development start;
    /// <c>DemoData__Children=0</c> turns it off). Its output shows the progress and children to look up.
    /// </summary>
    public static void AddDemoData(DistributedApplicationBuilder builder, AgencyServices agencies)
    {
        var load = builder.AddProject<Projects.Platform_DemoData>("demo-data").RunsToCompletion()
            .WithConfigurationSection(builder.Configuration.GetSection("DemoData"));
        foreach (var agency in new[] { agencies.Education, agencies.Health, agencies.Social })
            load.WithReference(agency).WaitFor(agency).WithClientCertificate(builder.AddPlatformCertificates(), agency, $"{agency.Resource.Name}-national");
    }

    private static IResourceBuilder<Hosting.Resources.ProjectResource> AddAgencyService<TProject>(
        DistributedApplicationBuilder builder,
        string name,
        IResourceBuilder<Hosting.Resources.PostgresDatabaseResource> database,
        IResourceBuilder<Hosting.Resources.RabbitMQServerResource> messaging,
        Hosting.Security.PlatformCertificates certificates)
        where TProject : Hosting.Resources.IProjectMetadata, new() =>
        builder.AddProject<TProject>(name)
            .WithGrpcEndpoint()
            .WithMutualTls(certificates)
            .WithReference(database).WaitFor(database)
            .WithReference(messaging).WaitFor(messaging)
            .WithHttpHealthCheck("/health")
            .WithConfigurationSection(builder.Configuration.GetSection(CallerRateLimitsSection));
}
