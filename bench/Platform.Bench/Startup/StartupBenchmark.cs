using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Platform.Bench.Harness;
using Platform.Testing;

namespace Platform.Bench.Startup;

/// <summary>
/// The AppHost's model (after the build) from nothing to every resource healthy — a fresh data folder, so initdb,
/// a new RabbitMQ node and every migration are part of it — and from the stop until no process of it is left.
/// Options: --runs N (default 3), --children N (demo children loaded before the start counts as done; default 0).
/// </summary>
public sealed class StartupBenchmark : IBenchmark
{
    public string Name => "startup";
    public string Description => "AppHost model: fresh start to every resource healthy, and stop until no process is left";

    public async Task RunAsync(string[] args, BenchmarkReport report, CancellationToken cancellationToken)
    {
        var runs = Options.Int(args, "--runs", 3);
        var children = Options.Int(args, "--children", 0);
        var starts = new LatencyRecorder();
        var stops = new LatencyRecorder();
        for (var run = 0; run < runs; run++)
        {
            var started = Stopwatch.GetTimestamp();
            var platform = await TestPlatform.StartAsync("bench-startup",
                new Dictionary<string, string?> { ["DemoData:Children"] = children.ToString() }, cancellationToken: cancellationToken);
            starts.Record(Stopwatch.GetElapsedTime(started));

            var processes = RunningProcessesOf(platform);
            var stopping = Stopwatch.GetTimestamp();
            await platform.DisposeAsync();
            await WaitUntilExitedAsync(processes, cancellationToken);
            stops.Record(Stopwatch.GetElapsedTime(stopping));
        }
        report.Add(new Measurement($"start to every resource healthy{(children > 0 ? $" and {children:N0} demo children loaded" : "")}",
            runs, 0, starts.PercentileMilliseconds(50), starts.PercentileMilliseconds(99)));
        report.Add(new Measurement("stop until no process of the platform is left", runs, 0,
            stops.PercentileMilliseconds(50), stops.PercentileMilliseconds(99)));
        report.Note("Each run is a fresh data folder: initdb, a new RabbitMQ node, the databases created and migrated; " +
                    "the time counts from building the model (DistributedApplicationTestingBuilder) to the last resource healthy.");
    }

    /// <summary>The process of every resource that runs one (servers, epmd, services), to see them all gone after the stop.</summary>
    private static IReadOnlyList<Process> RunningProcessesOf(TestPlatform platform)
    {
        var processes = new List<Process>();
        foreach (var resource in platform.Resources.Where(r => r is ExecutableResource or ProjectResource))
        {
            // A resource that already ended (the demo load) has nothing left to stop.
            if (platform.App.ResourceNotifications.TryGetCurrentState(resource.Name, out var current)
                && current.Snapshot.State?.Text == KnownResourceStates.Running)
                processes.Add(Process.GetProcessById(platform.ProcessIdOf(resource.Name)));
        }
        return processes;
    }

    private static async Task WaitUntilExitedAsync(IReadOnlyList<Process> processes, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        foreach (var process in processes)
            await process.WaitForExitAsync(timeout.Token);
    }
}
