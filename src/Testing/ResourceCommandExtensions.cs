using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Testing;

public static class ResourceCommandExtensions
{
    /// <summary>Restarts a resource as the dashboard's Restart button does (a finished run starts again).</summary>
    public static async Task RestartResourceAsync(this DistributedApplication app, string resource, CancellationToken cancellationToken = default)
    {
        var result = await app.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.RestartCommand, cancellationToken);
        if (!result.Success) throw new InvalidOperationException($"Restarting {resource} failed: {result.Message}");
    }
}
