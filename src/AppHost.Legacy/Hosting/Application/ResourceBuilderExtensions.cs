using Microsoft.Extensions.Configuration;
using Platform.AppHost.Hosting.Resources;

namespace Platform.AppHost.Hosting.Application;

public static class ResourceBuilderExtensions
{
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> server, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        database.WaitsFor.Add(server.Resource);
        server.Resource.Databases.Add(database);
        return server.ApplicationBuilder.AddResource(database);
    }

    /// <summary>Gives the service <c>ConnectionStrings__{name}</c>.</summary>
    public static IResourceBuilder<ProjectResource> WithReference(
        this IResourceBuilder<ProjectResource> project, IResourceBuilder<IResourceWithConnectionString> source)
    {
        project.Resource.References.Add((Resource)source.Resource);
        return project;
    }

    /// <summary>Gives the service <c>services__{name}__{endpoint}__0</c> for each of the other service's endpoints.</summary>
    public static IResourceBuilder<ProjectResource> WithReference(
        this IResourceBuilder<ProjectResource> project, IResourceBuilder<ProjectResource> service)
    {
        project.Resource.References.Add(service.Resource);
        return project;
    }

    /// <summary>Holds the resource in Waiting until <paramref name="dependency"/> is Running and healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> resource, IResourceBuilder<Resource> dependency)
        where T : Resource
    {
        if (ReferenceEquals(resource.Resource, dependency.Resource))
            throw new ArgumentException($"'{resource.Resource.Name}' cannot wait for itself.", nameof(dependency));
        resource.Resource.WaitsFor.Add(dependency.Resource);
        return resource;
    }

    /// <summary>The service is healthy when GET <paramref name="path"/> on its HTTP endpoint answers 2xx.</summary>
    public static IResourceBuilder<ProjectResource> WithHttpHealthCheck(this IResourceBuilder<ProjectResource> project, string path = "/health")
    {
        project.Resource.HealthCheckPath = path.StartsWith('/') ? path : "/" + path;
        return project;
    }

    /// <summary>Pins the HTTP endpoint's port (ignored when the application randomises ports, as tests do).</summary>
    public static IResourceBuilder<ProjectResource> WithHttpEndpoint(this IResourceBuilder<ProjectResource> project, int port)
    {
        var endpoint = project.Resource.GetEndpoint(ProjectResource.HttpEndpointName);
        project.Resource.Endpoints[project.Resource.Endpoints.IndexOf(endpoint)] = endpoint with { FixedPort = port };
        return project;
    }

    /// <summary>Adds an HTTP/2-only (prior knowledge, cleartext) endpoint for gRPC.</summary>
    public static IResourceBuilder<ProjectResource> WithGrpcEndpoint(this IResourceBuilder<ProjectResource> project, int? port = null)
    {
        project.Resource.Endpoints.Add(new EndpointAnnotation(ProjectResource.GrpcEndpointName, "http", Http2Only: true, port));
        return project;
    }

    /// <summary>
    /// The gRPC endpoint speaks TLS with the platform's server certificate and asks callers for a client certificate
    /// from the platform CA (the service enforces it); the service gets the <c>Security__*</c> settings.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithMutualTls(this IResourceBuilder<ProjectResource> project, Security.PlatformCertificates certificates)
    {
        var grpc = project.Resource.GetEndpoint(ProjectResource.GrpcEndpointName);
        project.Resource.Endpoints[project.Resource.Endpoints.IndexOf(grpc)] = grpc with { Scheme = "https" };
        certificates.Serve(project.Resource);
        return project;
    }

    /// <summary>The project calls <paramref name="service"/> as the development agency system <paramref name="systemName"/>.</summary>
    public static IResourceBuilder<ProjectResource> WithClientCertificate(
        this IResourceBuilder<ProjectResource> project, Security.PlatformCertificates certificates, IResourceBuilder<ProjectResource> service, string systemName)
    {
        certificates.Present(project.Resource, service.Resource.Name, systemName);
        return project;
    }

    /// <summary>The project does its work and exits (a data load): exit code 0 shows as Finished, not as a failure.</summary>
    public static IResourceBuilder<ProjectResource> RunsToCompletion(this IResourceBuilder<ProjectResource> project)
    {
        project.Resource.RunsToCompletion = true;
        return project;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> project, string name, string value)
    {
        project.Resource.Environment[name] = value;
        return project;
    }

    /// <summary>Passes a section of the AppHost's configuration on as it stands (<c>Section__Key</c> variables), when it is set.</summary>
    public static IResourceBuilder<ProjectResource> WithConfigurationSection(this IResourceBuilder<ProjectResource> project, IConfigurationSection section)
    {
        foreach (var setting in section.GetChildren())
            if (setting.Value is not null) project.WithEnvironment($"{section.Key}__{setting.Key}", setting.Value);
        return project;
    }
}
