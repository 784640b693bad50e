using Platform.AppHost.Hosting.Logs;
using Platform.AppHost.Hosting.Resources;
using Platform.AppHost.Hosting.Runners;

namespace Platform.AppHost.Hosting.Orchestration;

/// <summary>
/// Starts every resource as soon as what it waits for is ready, watches health and exits, and stops
/// everything in reverse dependency order. Runners know how; the orchestrator decides when.
/// </summary>
public sealed class Orchestrator(
    IReadOnlyList<Resource> resources,
    IReadOnlyDictionary<string, ResourceRunner> runners,
    ResourceNotificationService notifications,
    ResourceLogStore logs,
    OrchestratorTimings? timings = null)
{
    private readonly OrchestratorTimings _timings = timings ?? new OrchestratorTimings();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<string, Lifecycle> _lifecycles = [];
    private readonly Lock _gate = new();

    /// <summary>One run of a resource; cancelled when the resource is stopped on purpose (shutdown or restart).</summary>
    private sealed record Lifecycle(CancellationTokenSource Cancellation, Task Run);

    public void Start()
    {
        foreach (var resource in resources)
            notifications.Publish(new ResourceSnapshot(resource.Name, resource.Type, ResourceState.NotStarted,
                IsExisting: runners[resource.Name].IsExisting));
        foreach (var resource in resources) BeginLifecycle(resource);
    }

    /// <summary>Completes when every resource is ready or has failed; true when all are ready.</summary>
    public async Task<bool> WaitForAllAsync(CancellationToken cancellationToken)
    {
        foreach (var resource in resources)
        {
            var snapshot = await notifications.WaitForAsync(resource.Name, s => s.IsReady || s.HasFailed || s.State == ResourceState.Finished, cancellationToken);
            if (snapshot.HasFailed) return false;
        }
        return true;
    }

    private void BeginLifecycle(Resource resource)
    {
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        lock (_gate)
            _lifecycles[resource.Name] = new Lifecycle(cancellation, Task.Run(() => RunLifecycleAsync(resource, cancellation.Token), CancellationToken.None));
    }

    /// <summary>Stops the resource and starts it again; what depends on it keeps running.</summary>
    public async Task RestartAsync(string name, CancellationToken cancellationToken)
    {
        var resource = resources.FirstOrDefault(r => r.Name == name) ?? throw new KeyNotFoundException($"No resource named '{name}'.");
        if (_stopping.IsCancellationRequested) throw new InvalidOperationException("The application is stopping.");
        Lifecycle current;
        lock (_gate) current = _lifecycles[name];
        await current.Cancellation.CancelAsync();
        await StopResourceAsync(resource, "Stopped for a restart.", cancellationToken);
        await current.Run.WaitAsync(cancellationToken);
        logs.For(name).Append("--- restarted from the dashboard ---", isError: false);
        // Not Exited any more from here on: a caller waiting for the restarted resource must not see the old exit as a failure.
        Update(resource, s => s with { State = ResourceState.NotStarted, ExitCode = null, Message = null, Health = ResourceHealth.Unknown });
        BeginLifecycle(resource);
    }

    private async Task RunLifecycleAsync(Resource resource, CancellationToken stopping)
    {
        var runner = runners[resource.Name];
        try
        {
            if (resource.WaitsFor.Count > 0)
            {
                Update(resource, s => s with { State = ResourceState.Waiting });
                foreach (var dependency in resource.WaitsFor)
                {
                    var ready = await notifications.WaitForAsync(dependency.Name, s => s.IsReady || s.HasFailed, stopping);
                    if (ready.HasFailed)
                    {
                        Update(resource, s => s with
                        {
                            State = ResourceState.FailedToStart,
                            Message = $"Dependency '{dependency.Name}' failed: {ready.Message}",
                        });
                        return;
                    }
                }
            }

            Update(resource, s => s with { State = ResourceState.Starting });
            try
            {
                await runner.StartAsync(stopping);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logs.For(resource.Name).Append(exception.ToString(), isError: true);
                Update(resource, s => s with { State = ResourceState.FailedToStart, Message = exception.Message });
                return;
            }
            Update(resource, s => s with
            {
                State = ResourceState.Running,
                ProcessId = runner.ProcessId,
                StartedAt = DateTimeOffset.UtcNow,
                Urls = (resource as ProjectResource)?.Endpoints.Select(e => e.Url).ToList(),
            });
            _ = ReportExitAsync(resource, runner.Exited, stopping);
            await MonitorHealthAsync(resource, runner, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: StopAsync publishes the final state.
        }
    }

    private async Task ReportExitAsync(Resource resource, Task<int> exited, CancellationToken stopping)
    {
        var exitCode = await exited;
        if (stopping.IsCancellationRequested) return;
        var lastLines = logs.For(resource.Name).LastLines(_timings.LinesShownOnExit);
        var finished = exitCode == 0 && resource is ProjectResource { RunsToCompletion: true };
        Update(resource, s => s with
        {
            State = finished ? ResourceState.Finished : ResourceState.Exited,
            Health = ResourceHealth.Unknown,
            ExitCode = exitCode,
            StoppedAt = DateTimeOffset.UtcNow,
            Message = $"Exited with code {exitCode}." + (lastLines.Count > 0 ? "\n" + string.Join('\n', lastLines) : ""),
        });
    }

    private async Task MonitorHealthAsync(Resource resource, ResourceRunner runner, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested && !runner.Exited.IsCompleted)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            attempt.CancelAfter(_timings.HealthCheckTimeout);
            string? problem;
            try
            {
                problem = await runner.CheckHealthAsync(attempt.Token);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                problem = $"the health check did not answer within {_timings.HealthCheckTimeout.TotalSeconds:0} s";
            }
            if (runner.Exited.IsCompleted) return;
            var health = problem is null ? ResourceHealth.Healthy : ResourceHealth.Unhealthy;
            Update(resource, s => s.State == ResourceState.Running ? s with { Health = health, Message = problem } : s);
            await Task.Delay(health == ResourceHealth.Healthy ? _timings.HealthyCheckInterval : _timings.UnhealthyCheckInterval, stopping);
        }
    }

    /// <summary>Stops dependents before what they depend on: services, then the broker and the databases.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        foreach (var level in StopOrder.Levels(resources))
            await Task.WhenAll(level.Select(resource => StopResourceAsync(resource, "Stopped.", cancellationToken)));
        Task[] runs;
        lock (_gate) runs = _lifecycles.Values.Select(l => l.Run).ToArray();
        await Task.WhenAll(runs).WaitAsync(cancellationToken);
    }

    private async Task StopResourceAsync(Resource resource, string message, CancellationToken cancellationToken)
    {
        var runner = runners[resource.Name];
        try
        {
            await runner.StopAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logs.For(resource.Name).Append($"Stopping failed: {exception.Message}", isError: true);
        }
        Update(resource, s => s.State is ResourceState.Running or ResourceState.Starting
            ? s with
            {
                State = ResourceState.Exited,
                Health = ResourceHealth.Unknown,
                ExitCode = runner.Exited.IsCompleted ? runner.Exited.Result : null,
                StoppedAt = DateTimeOffset.UtcNow,
                Message = message,
            }
            : s);
    }

    private void Update(Resource resource, Func<ResourceSnapshot, ResourceSnapshot> change) =>
        notifications.Update(resource.Name, current => change(current!));
}

public sealed record OrchestratorTimings
{
    public TimeSpan HealthCheckTimeout { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan UnhealthyCheckInterval { get; init; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan HealthyCheckInterval { get; init; } = TimeSpan.FromSeconds(5);
    public int LinesShownOnExit { get; init; } = 10;
}

/// <summary>The order in which resources stop: nothing stops before everything that depends on it.</summary>
public static class StopOrder
{
    public static IReadOnlyList<IReadOnlyList<Resource>> Levels(IReadOnlyList<Resource> resources)
    {
        var depth = new Dictionary<Resource, int>();
        int DepthOf(Resource resource, int guard)
        {
            if (guard > resources.Count) throw new InvalidOperationException($"'{resource.Name}' is part of a dependency cycle.");
            if (depth.TryGetValue(resource, out var known)) return known;
            var dependencies = DependenciesOf(resource).ToList();
            var value = dependencies.Count == 0 ? 0 : dependencies.Max(d => DepthOf(d, guard + 1)) + 1;
            depth[resource] = value;
            return value;
        }
        foreach (var resource in resources) DepthOf(resource, 0);
        return resources.GroupBy(r => depth[r]).OrderByDescending(g => g.Key).Select(g => (IReadOnlyList<Resource>)g.ToList()).ToList();
    }

    public static IEnumerable<Resource> DependenciesOf(Resource resource) =>
        resource.WaitsFor
            .Concat(resource is ProjectResource project ? project.References : [])
            .Concat(resource is PostgresDatabaseResource database ? [database.Server] : [])
            .Distinct();
}
