using Platform.Hosting.Security;

namespace Platform.AppHost;

/// <summary>How the model adds the platform's services: the same shape for each of the three agencies.</summary>
internal static class AgencyServiceResources
{
    public const string GrpcEndpointName = "grpc";

    /// <summary>An agency service: its database and the broker waited for, gRPC with mutual TLS, healthy when <c>/health</c> says so.</summary>
    public static IResourceBuilder<ProjectResource> AddAgencyService<TProject>(this IDistributedApplicationBuilder builder, string name,
        IResourceBuilder<IResourceWithConnectionString> database, IResourceBuilder<IResourceWithConnectionString> messaging,
        PlatformCertificates certificates)
        where TProject : IProjectMetadata, new() =>
        builder.AddProject<TProject>(name, launchProfileName: null)
            .WithAppHostEnvironment(builder.Environment)
            .WithHttpEndpoint(name: "http", isProxied: false)
            .WithPlatformGrpcEndpoint(certificates)
            .WithReference(database).WaitFor(database)
            .WithReference(messaging).WaitFor(messaging)
            .WithHttpHealthCheck("/health")
            .WithConfigurationSection(builder.Configuration.GetSection(PlatformSettings.RateLimits));

    /// <summary>
    /// The <c>grpc</c> endpoint: HTTPS (HTTP/2 by ALPN) with the platform's server certificate, asking agency systems
    /// for client certificates of the platform CA. Not proxied: agency systems' TLS reaches the service itself.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPlatformGrpcEndpoint(this IResourceBuilder<ProjectResource> service, PlatformCertificates certificates) =>
        service.WithHttpsEndpoint(name: GrpcEndpointName, isProxied: false)
            .WithEndpoint(GrpcEndpointName, endpoint => endpoint.Transport = "http2")
            .WithMutualTls(certificates);
}
