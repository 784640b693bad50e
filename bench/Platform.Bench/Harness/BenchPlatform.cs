using Platform.AppHost.Hosting.Application;
using Platform.AppHost.Hosting.Resources;
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

    /// <summary>
    /// The peak resident memory (VmHWM) of each service process and of the benchmark itself, as a note: the services
    /// run in processes of their own, so the report's per-row column cannot show them.
    /// </summary>
    public static void NotePeakMemory(this BenchmarkReport report, DistributedApplication app)
    {
        var services = app.Resources.OfType<ProjectResource>().Select(p => p.Name).ToHashSet();
        var peaks = app.ResourceNotifications.Snapshots
            .Where(s => services.Contains(s.Name) && s.ProcessId is not null)
            .Select(s => $"{s.Name} {PeakResidentMegabytes(s.ProcessId!.Value)}")
            .Append($"benchmark client {PeakResidentMegabytes(Environment.ProcessId)}");
        report.Note("Peak resident memory (VmHWM, MB): " + string.Join(", ", peaks) + ".");
    }

    private static string PeakResidentMegabytes(int processId)
    {
        try
        {
            var line = File.ReadLines($"/proc/{processId}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? "?" : (long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024).ToString();
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
