namespace Platform.AppHost.Hosting.Application;

/// <summary>A resource being declared; extension methods add references, waits, endpoints and health checks.</summary>
public interface IResourceBuilder<out T>
{
    T Resource { get; }
    DistributedApplicationBuilder ApplicationBuilder { get; }
}

internal sealed record ResourceBuilder<T>(T Resource, DistributedApplicationBuilder ApplicationBuilder) : IResourceBuilder<T>;
