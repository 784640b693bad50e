using Platform.AppHost.Hosting.Application;

namespace Platform.AppHost;

/// <summary>
/// The platform's resources and how they connect. Program.cs runs it; the tests build the very same model.
/// </summary>
public static class PlatformModel
{
    public const int GatewayHttpPort = 18080;

    public static void Define(DistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres("postgres");
        var messaging = builder.AddRabbitMQ("messaging");

        var education = AddAgencyService<Projects.Services_Education>(builder, "education", postgres.AddDatabase("education-db"), messaging);
        var health = AddAgencyService<Projects.Services_Health>(builder, "health", postgres.AddDatabase("health-db"), messaging);
        var social = AddAgencyService<Projects.Services_Social>(builder, "social", postgres.AddDatabase("social-db"), messaging);

        var gatewayDb = postgres.AddDatabase("gateway-db");
        builder.AddProject<Projects.Gateway>("gateway")
            .WithHttpEndpoint(GatewayHttpPort)
            .WithGrpcEndpoint()
            .WithReference(gatewayDb).WaitFor(gatewayDb)
            .WithReference(messaging).WaitFor(messaging)
            .WithReference(education)
            .WithReference(health)
            .WithReference(social)
            .WithHttpHealthCheck("/health");
    }

    private static IResourceBuilder<Hosting.Resources.ProjectResource> AddAgencyService<TProject>(
        DistributedApplicationBuilder builder,
        string name,
        IResourceBuilder<Hosting.Resources.PostgresDatabaseResource> database,
        IResourceBuilder<Hosting.Resources.RabbitMQServerResource> messaging)
        where TProject : Hosting.Resources.IProjectMetadata, new() =>
        builder.AddProject<TProject>(name)
            .WithGrpcEndpoint()
            .WithReference(database).WaitFor(database)
            .WithReference(messaging).WaitFor(messaging)
            .WithHttpHealthCheck("/health");
}
