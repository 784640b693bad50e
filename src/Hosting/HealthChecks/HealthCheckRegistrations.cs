using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Hosting.HealthChecks;

public static class HealthCheckRegistrations
{
    /// <summary>Makes <paramref name="probe"/> the resource's health check, registered under a key named after the resource.</summary>
    public static IResourceBuilder<T> WithProbe<T>(this IResourceBuilder<T> builder, Func<T, CancellationToken, Task<string?>> probe)
        where T : IResource
    {
        var key = $"{builder.Resource.Name}_check";
        var resource = builder.Resource;
        builder.ApplicationBuilder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(key, _ => new ProbeHealthCheck(ct => probe(resource, ct)), HealthStatus.Unhealthy, tags: null));
        return builder.WithHealthCheck(key);
    }

    private sealed class ProbeHealthCheck(Func<CancellationToken, Task<string?>> probe) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken) =>
            BriefRetry.CheckAsync(probe, cancellationToken);
    }
}
