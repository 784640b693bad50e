using Aspire.Hosting.ApplicationModel;
using Platform.Testing;

namespace Platform.Bench.Harness;

/// <summary>The whole platform for a benchmark, started from the AppHost's model through Aspire.Hosting.Testing.</summary>
public static class BenchPlatform
{
    /// <summary>
    /// One benchmark client stands for many agency systems, so the per-caller rate limit (100 calls/s per system by
    /// default) is lifted, and so is the staff pages' limit (300 requests a minute per user): the figures are the
    /// platform's, not the limiter's.
    /// </summary>
    public static Task<TestPlatform> StartAsync(string name) =>
        TestPlatform.StartAsync(name, new Dictionary<string, string?>
        {
            ["RateLimits:CallsPerSecond"] = "1000000",
            ["RateLimits:Burst"] = "1000000",
            ["Staff:RateLimits:RequestsPerMinute"] = "100000000",
        });

    /// <summary>
    /// The peak resident memory (VmHWM) of each service process and of the benchmark itself, as a note: the services
    /// run in processes of their own, so the report's per-row column cannot show them.
    /// </summary>
    public static void NotePeakMemory(this BenchmarkReport report, TestPlatform platform)
    {
        var peaks = platform.Resources.OfType<ProjectResource>()
            .Select(service => $"{service.Name} {PeakResidentMegabytes(platform.ProcessIdOf(service.Name))}")
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
