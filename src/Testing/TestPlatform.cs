using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Hosting.DataFolders;

namespace Platform.Testing;

/// <summary>
/// The whole platform as the AppHost defines it (<c>src/AppHost/AppHost.cs</c>), started for a test or a benchmark
/// through Aspire.Hosting.Testing: in a data folder of its own under /tmp (which the postgres user can enter), wiped
/// first and deleted at the end, on allocated ports, the development staff accounts with <see cref="StaffPassword"/>.
/// </summary>
public sealed class TestPlatform : IAsyncDisposable
{
    /// <summary>The password the development staff accounts get in a test platform.</summary>
    public const string StaffPassword = "development accounts' test password";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private TestPlatform(DistributedApplication app, string dataFolder)
    {
        App = app;
        DataFolder = dataFolder;
    }

    public DistributedApplication App { get; }

    public string DataFolder { get; }

    /// <summary>The Aspire dashboard, when the platform was started with it.</summary>
    public TestDashboard? Dashboard { get; private set; }

    /// <summary>
    /// Starts the model and waits until every resource is healthy and the demo data load (when
    /// <c>DemoData:Children</c> is above 0) has finished. <paramref name="settings"/> are the AppHost's configuration
    /// keys (<c>DemoData:Children</c>, <c>RateLimits:CallsPerSecond</c>, ...), given as its command line would.
    /// With <paramref name="withDashboard"/> the Aspire dashboard runs too, on allocated ports, and the services export
    /// their telemetry to it.
    /// </summary>
    public static async Task<TestPlatform> StartAsync(string name, IReadOnlyDictionary<string, string?>? settings = null,
        bool withDashboard = false, CancellationToken cancellationToken = default)
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "platform-tests", $"{name}-{Guid.NewGuid().ToString("N")[..12]}");
        var configuration = new Dictionary<string, string?>
        {
            [DataFolderLocation.DirectoryKey] = dataFolder,
            [DataFolderLocation.FreshKey] = "true",
            ["Staff:SeedPassword"] = StaffPassword,
            // The launch profile pins the Gateway's port for people; a test's port is allocated.
            ["Platform:GatewayHttpPort"] = "",
            ["DemoData:Children"] = "0",
        };
        var dashboardSecrets = TestDashboard.NewSecrets();
        if (withDashboard)
            foreach (var (key, value) in TestDashboard.Settings(dashboardSecrets)) configuration[key] = value;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) configuration[key] = value;

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [.. configuration.Select(setting => $"--{setting.Key}={setting.Value}")],
            (options, _) => options.DisableDashboard = !withDashboard,
            cancellationToken);
        var app = await builder.BuildAsync(cancellationToken);
        var platform = new TestPlatform(app, dataFolder);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            await app.StartAsync(timeout.Token);
            await platform.WaitUntilStartedAsync(timeout.Token);
            if (withDashboard) platform.Dashboard = TestDashboard.Of(app, dashboardSecrets);
            return platform;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var states = platform.DescribeResources();
            await platform.DisposeAsync();
            throw new TimeoutException($"The platform did not start within {StartTimeout.TotalMinutes} minutes:\n{states}");
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The model's resources that start with it: servers, databases, services, the demo data load (not parameters, nor
    /// what starts only when asked, such as the hidden project rebuilders Aspire adds).
    /// </summary>
    public IEnumerable<IResource> Resources =>
        App.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .Where(resource => resource is not ParameterResource && !resource.HasAnnotationOfType<ExplicitStartupAnnotation>());

    /// <summary>Each resource's state, health and exit code, for a failure message.</summary>
    public string DescribeResources() => string.Join('\n', Resources.Select(resource =>
        App.ResourceNotifications.TryGetCurrentState(resource.Name, out var current)
            ? $"{resource.Name}: {current.Snapshot.State?.Text} health={current.Snapshot.HealthStatus} exit={current.Snapshot.ExitCode}"
            : $"{resource.Name}: no state"));

    /// <summary>The operating system's id of the process a resource runs as (a service: its own process, not the launcher's).</summary>
    public int ProcessIdOf(string resource) => ResourceProcesses.ProcessIdOf(App, resource);

    /// <summary>Restarts a resource as the dashboard's Restart button does (a finished load runs again).</summary>
    public Task RestartAsync(string resource, CancellationToken cancellationToken = default) =>
        App.RestartResourceAsync(resource, cancellationToken);

    /// <summary>Waits until <paramref name="resource"/> is in one of <paramref name="states"/> (<see cref="KnownResourceStates"/>).</summary>
    public async Task<CustomResourceSnapshot> WaitForStateAsync(string resource, TimeSpan timeout, params string[] states)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var reached = await App.ResourceNotifications.WaitForResourceAsync(resource, e => states.Contains(e.Snapshot.State?.Text), cancellation.Token);
        return reached.Snapshot;
    }

    /// <summary>What the resource wrote to its console so far, as the dashboard's Console page shows it.</summary>
    public async Task<string> ConsoleLogAsync(string resource)
    {
        var logs = App.Services.GetRequiredService<ResourceLoggerService>();
        var lines = new List<string>();
        // By the resource, not its name: an executable's log is kept under the name DCP gave its replica.
        await foreach (var batch in logs.GetAllAsync(Resources.Single(r => r.Name == resource)))
            lines.AddRange(batch.Select(line => line.Content));
        return string.Join('\n', lines);
    }

    public async Task<string> ConnectionStringAsync(string resource) =>
        await App.GetConnectionStringAsync(resource) ?? throw new InvalidOperationException($"{resource} has no connection string.");

    private async Task WaitUntilStartedAsync(CancellationToken cancellationToken)
    {
        foreach (var resource in Resources)
        {
            if (resource.Name == "demo-data")
            {
                var finished = await App.ResourceNotifications.WaitForResourceAsync(resource.Name,
                    e => e.Snapshot.State?.Text == KnownResourceStates.Finished || e.Snapshot.State?.Text == KnownResourceStates.FailedToStart,
                    cancellationToken);
                if (finished.Snapshot.ExitCode != 0)
                    throw new InvalidOperationException($"The demo data load ended with exit code {finished.Snapshot.ExitCode}:\n{DescribeResources()}");
            }
            else
            {
                await App.ResourceNotifications.WaitForResourceHealthyAsync(resource.Name, cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (Directory.Exists(DataFolder)) Directory.Delete(DataFolder, recursive: true);
    }
}
