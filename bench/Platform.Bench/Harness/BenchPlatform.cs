using Platform.AppHost.Hosting.Application;
using Platform.AppHost.Testing;

namespace Platform.Bench.Harness;

/// <summary>The whole platform for a benchmark, started through the AppHost's testing builder.</summary>
public static class BenchPlatform
{
    /// <summary>
    /// One benchmark client stands for many agency systems, so the per-caller rate limit (100 calls/s per system by
    /// default) is lifted: the figures are the platform's, not the limiter's.
    /// </summary>
    public static async Task<DistributedApplication> StartAsync(string name)
    {
        var app = DistributedApplicationTestingBuilder.CreatePlatform(name, configuration: new Dictionary<string, string?>
        {
            ["RateLimits:CallsPerSecond"] = "1000000",
            ["RateLimits:Burst"] = "1000000",
        }).Build();
        await app.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        if (!await app.WaitForAllResourcesAsync(timeout.Token))
        {
            await app.DisposeAsync();
            throw new InvalidOperationException("The platform did not start.");
        }
        return app;
    }
}
