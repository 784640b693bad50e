using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.HealthChecks;

namespace Platform.Hosting.Existing;

/// <summary>
/// A server the AppHost does not run (production, or a shared development server): Aspire's connection-string
/// resource for <c>ConnectionStrings:{name}</c>, with a health check that connects to it, so what waits for it
/// waits until it answers.
/// </summary>
public static class ExistingServers
{
    public static bool IsConfigured(IDistributedApplicationBuilder builder, string name) =>
        builder.Configuration[$"ConnectionStrings:{name}"] is { Length: > 0 };

    public static IResourceBuilder<IResourceWithConnectionString> Add(IDistributedApplicationBuilder builder, string name,
        Func<IResourceWithConnectionString, CancellationToken, Task<string?>> probe) =>
        builder.AddConnectionString(name).WithProbe(probe);
}
