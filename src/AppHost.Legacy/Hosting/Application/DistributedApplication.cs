using System.Runtime.InteropServices;
using Platform.AppHost.Dashboard;
using Platform.AppHost.Dashboard.Otlp;
using Platform.AppHost.Dashboard.Telemetry;
using Platform.AppHost.Hosting.Logs;
using Platform.AppHost.Hosting.Orchestration;
using Platform.AppHost.Hosting.Processes;
using Platform.AppHost.Hosting.Resources;
using Platform.AppHost.Hosting.Runners;

namespace Platform.AppHost.Hosting.Application;

/// <summary>The built platform: starts its resources, reports their state, stops them cleanly.</summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly Orchestrator _orchestrator;
    private readonly IReadOnlyDictionary<string, ResourceRunner> _runners;
    private readonly StaleProcessGuard _staleProcesses;
    private DashboardHost? _dashboardHost;
    private readonly CancellationTokenSource _background = new();
    private int _started;
    private int _stopped;

    internal DistributedApplication(
        DistributedApplicationOptions options,
        DashboardOptions? dashboard,
        IReadOnlyList<Resource> resources,
        IReadOnlyDictionary<string, ResourceRunner> runners,
        ResourceNotificationService notifications,
        ResourceLogStore logs,
        StaleProcessGuard staleProcesses)
    {
        Options = options;
        Dashboard = dashboard;
        Resources = resources;
        ResourceNotifications = notifications;
        ResourceLogs = logs;
        _staleProcesses = staleProcesses;
        _runners = runners;
        _orchestrator = new Orchestrator(resources, runners, notifications, logs);
    }

    public DistributedApplicationOptions Options { get; }

    /// <summary>The dashboard's addresses and secrets, or null when it is disabled.</summary>
    public DashboardOptions? Dashboard { get; }

    /// <summary>What the services exported to the dashboard (null when it is disabled or not started).</summary>
    public TelemetryStore? Telemetry { get; private set; }
    public IReadOnlyList<Resource> Resources { get; }

    /// <summary>The certificates the services' mutual TLS uses, when the model added them.</summary>
    public Security.PlatformCertificates? Certificates { get; init; }
    public ResourceNotificationService ResourceNotifications { get; }
    public ResourceLogStore ResourceLogs { get; }

    /// <summary>Starts every resource in the background; use <see cref="WaitForAllResourcesAsync"/> to wait.</summary>
    public async Task StartAsync()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1) throw new InvalidOperationException("The application is already started.");
        await _staleProcesses.StopAllStaleAsync();
        if (Dashboard is { } dashboard)
        {
            // The dashboard starts first, so the services' telemetry has somewhere to go from their first line.
            var telemetry = new TelemetryStore(new TelemetryStoreOptions
            {
                Directory = dashboard.TelemetryDirectory,
                Retention = dashboard.TelemetryRetention,
                MaximumSpans = dashboard.MaximumSpans,
                MaximumLogEntries = dashboard.MaximumLogEntries,
                MaximumMetricPoints = dashboard.MaximumMetricPoints,
            });
            telemetry.Load();
            _dashboardHost = DashboardHost.Create(this, dashboard, telemetry);
            await _dashboardHost.StartAsync();
            Telemetry = telemetry;
            _ = SampleBrokerQueuesAsync(telemetry, _background.Token);
        }
        _orchestrator.Start();
    }

    /// <summary>True when every resource became Running and healthy; false as soon as one failed.</summary>
    public Task<bool> WaitForAllResourcesAsync(CancellationToken cancellationToken = default) =>
        _orchestrator.WaitForAllAsync(cancellationToken);

    public async Task<ResourceSnapshot> WaitForResourceReadyAsync(string name, CancellationToken cancellationToken = default)
    {
        var snapshot = await ResourceNotifications.WaitForAsync(name, s => s.IsReady || s.HasFailed, cancellationToken);
        return snapshot.HasFailed
            ? throw new InvalidOperationException($"Resource '{name}' is {snapshot.State}: {snapshot.Message}")
            : snapshot;
    }

    public string GetConnectionString(string resourceName) =>
        Find<IResourceWithConnectionString>(resourceName).ConnectionString;

    public Uri GetEndpoint(string resourceName, string endpointName = ProjectResource.HttpEndpointName) =>
        new(Find<ProjectResource>(resourceName).GetEndpoint(endpointName).Url);

    /// <summary>The variables the resource's process gets from the AppHost (unmasked: callers mask secrets).</summary>
    public IReadOnlyDictionary<string, string> GetEnvironment(string resourceName) =>
        _runners.TryGetValue(resourceName, out var runner) ? runner.Environment : throw new KeyNotFoundException($"No resource named '{resourceName}'.");

    public Task RestartResourceAsync(string resourceName, CancellationToken cancellationToken = default) =>
        _orchestrator.RestartAsync(resourceName, cancellationToken);

    public async Task StopAsync()
    {
        if (Volatile.Read(ref _started) == 0 || Interlocked.Exchange(ref _stopped, 1) == 1) return;
        await _background.CancelAsync();
        await _orchestrator.StopAsync(CancellationToken.None);
        if (_dashboardHost is not null) await _dashboardHost.DisposeAsync();
    }

    /// <summary>Starts everything, prints the resource table once all are up, and runs until Ctrl+C or SIGTERM.</summary>
    public async Task RunAsync()
    {
        using var shutdown = new CancellationTokenSource();
        void RequestShutdown(PosixSignalContext context)
        {
            context.Cancel = true;
            shutdown.Cancel();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestShutdown);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestShutdown);

        var startedAt = TimeProvider.System.GetTimestamp();
        TerminalOutput.Info($"Data folder: {Options.DataDirectory}");
        if (Dashboard is not null) TerminalOutput.Info($"Dashboard: {Dashboard.LoginUrl}");
        await StartAsync();
        try
        {
            var allReady = await WaitForAllResourcesAsync(shutdown.Token);
            TerminalOutput.ResourceTable(ResourceNotifications.Snapshots, Resources);
            TerminalOutput.Info(allReady
                ? $"All resources are running and healthy after {TimeProvider.System.GetElapsedTime(startedAt).TotalSeconds:0.0} s. Press Ctrl+C to stop."
                : "Some resources failed (see above); the others keep running. Press Ctrl+C to stop.");
            await Task.Delay(Timeout.Infinite, shutdown.Token);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM.
        }
        TerminalOutput.Info("Stopping: services first, then the broker and the database.");
        await StopAsync();
        TerminalOutput.Info("Stopped.");
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    /// <summary>Every 10 s, the private brokers' queue depths become metrics on the dashboard.</summary>
    private async Task SampleBrokerQueuesAsync(TelemetryStore telemetry, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var (name, runner) in _runners)
                {
                    if (runner is not RabbitMQServerRunner broker || !ResourceNotifications.Get(name).IsReady) continue;
                    var queues = await broker.ListQueuesAsync(cancellationToken);
                    if (queues.Count > 0) telemetry.Add(BrokerQueueMetrics.ToMetrics(name, queues, DateTimeOffset.UtcNow));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private T Find<T>(string name) =>
        Resources.FirstOrDefault(r => r.Name == name) is T resource
            ? resource
            : throw new KeyNotFoundException($"No resource named '{name}' of type {typeof(T).Name}.");
}
