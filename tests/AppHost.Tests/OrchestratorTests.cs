using System.Collections.Concurrent;
using Platform.AppHost.Hosting.Logs;
using Platform.AppHost.Hosting.Orchestration;
using Platform.AppHost.Hosting.Resources;
using Platform.AppHost.Hosting.Runners;

namespace Platform.AppHost.Tests;

/// <summary>The orchestrator's decisions, with runners that only record what they are asked to do.</summary>
public sealed class OrchestratorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private sealed class TestResource(string name) : Resource(name)
    {
        public override string Type => "Test";
    }

    private sealed class ScriptedRunner(string name, ConcurrentQueue<string> journal) : ResourceRunner
    {
        private TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Exception? FailStartWith { get; init; }
        public volatile string? HealthProblem;
        public TaskCompletionSource StartGate { get; } = CompletedGate();

        private static TaskCompletionSource CompletedGate()
        {
            var gate = new TaskCompletionSource();
            gate.SetResult();
            return gate;
        }

        public override Task<int> Exited => _exited.Task;

        public void Crash(int exitCode) => _exited.TrySetResult(exitCode);

        public override async Task StartAsync(CancellationToken cancellationToken)
        {
            journal.Enqueue($"start {name}");
            _exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            await StartGate.Task.WaitAsync(cancellationToken);
            if (FailStartWith is not null) throw FailStartWith;
        }

        public override Task<string?> CheckHealthAsync(CancellationToken cancellationToken) => Task.FromResult(HealthProblem);

        public override Task StopAsync(CancellationToken cancellationToken)
        {
            journal.Enqueue($"stop {name}");
            _exited.TrySetResult(0);
            return Task.CompletedTask;
        }
    }

    private sealed class Harness
    {
        public ConcurrentQueue<string> Journal { get; } = new();
        public List<Resource> Resources { get; } = [];
        public Dictionary<string, ScriptedRunner> Runners { get; } = [];
        public ResourceNotificationService Notifications { get; } = new();
        public ResourceLogStore Logs { get; } = new();
        public ConcurrentQueue<ResourceSnapshot> History { get; } = new();
        private Orchestrator? _orchestrator;

        public Resource Add(string name, Func<ScriptedRunner, ScriptedRunner>? configure = null, params Resource[] waitsFor)
        {
            var resource = new TestResource(name);
            resource.WaitsFor.AddRange(waitsFor);
            Resources.Add(resource);
            var runner = new ScriptedRunner(name, Journal);
            Runners[name] = configure?.Invoke(runner) ?? runner;
            return resource;
        }

        public Orchestrator Start()
        {
            _ = Task.Run(async () =>
            {
                await foreach (var snapshot in Notifications.WatchAsync(CancellationToken.None)) History.Enqueue(snapshot);
            });
            _orchestrator = new Orchestrator(Resources, Runners.ToDictionary(p => p.Key, p => (ResourceRunner)p.Value), Notifications, Logs,
                new OrchestratorTimings { UnhealthyCheckInterval = TimeSpan.FromMilliseconds(20), HealthyCheckInterval = TimeSpan.FromMilliseconds(50) });
            _orchestrator.Start();
            return _orchestrator;
        }

        public async Task<ResourceSnapshot> WaitUntil(string name, Func<ResourceSnapshot, bool> condition)
        {
            using var timeout = new CancellationTokenSource(Patience);
            return await Notifications.WaitForAsync(name, condition, timeout.Token);
        }
    }

    [Fact]
    public async Task A_dependent_starts_only_after_its_dependency_is_running_and_healthy()
    {
        var harness = new Harness();
        var database = harness.Add("database", r =>
        {
            r.HealthProblem = "not accepting connections";
            return r;
        });
        harness.Add("service", null, database);
        harness.Start();

        await harness.WaitUntil("database", s => s.State == ResourceState.Running && s.Health == ResourceHealth.Unhealthy);
        await Task.Delay(200);
        Assert.Equal(ResourceState.Waiting, harness.Notifications.Get("service").State);
        Assert.DoesNotContain("start service", harness.Journal);

        harness.Runners["database"].HealthProblem = null;
        await harness.WaitUntil("service", s => s.IsReady);
        Assert.Equal(["start database", "start service"], harness.Journal.ToList());
    }

    [Fact]
    public async Task A_failed_dependency_fails_its_dependents_without_starting_them()
    {
        var harness = new Harness();
        var broker = harness.Add("broker", r => new ScriptedRunner("broker", harness.Journal) { FailStartWith = new ResourceStartException("port 5672 is taken") });
        var service = harness.Add("service", null, broker);
        harness.Add("frontend", null, service);
        harness.Start();

        var brokerState = await harness.WaitUntil("broker", s => s.HasFailed);
        var serviceState = await harness.WaitUntil("service", s => s.HasFailed);
        var frontendState = await harness.WaitUntil("frontend", s => s.HasFailed);

        Assert.Equal(ResourceState.FailedToStart, brokerState.State);
        Assert.Equal("port 5672 is taken", brokerState.Message);
        Assert.Equal(ResourceState.FailedToStart, serviceState.State);
        Assert.Equal("Dependency 'broker' failed: port 5672 is taken", serviceState.Message);
        Assert.StartsWith("Dependency 'service' failed: Dependency 'broker' failed", frontendState.Message);
        Assert.Equal(["start broker"], harness.Journal.ToList());
    }

    [Fact]
    public async Task States_go_from_not_started_through_waiting_and_starting_to_running_and_healthy()
    {
        var harness = new Harness();
        var database = harness.Add("database");
        harness.Add("service", r => { r.StartGate.TrySetResult(); return r; }, database);
        harness.Start();

        await harness.WaitUntil("service", s => s.IsReady);
        var states = harness.History.Where(s => s.Name == "service").Select(s => (s.State, s.Health)).Distinct().ToList();

        Assert.Equal(
            [
                (ResourceState.NotStarted, ResourceHealth.Unknown),
                (ResourceState.Waiting, ResourceHealth.Unknown),
                (ResourceState.Starting, ResourceHealth.Unknown),
                (ResourceState.Running, ResourceHealth.Unknown),
                (ResourceState.Running, ResourceHealth.Healthy),
            ],
            states);
    }

    [Fact]
    public async Task A_crashed_resource_is_shown_as_exited_with_its_exit_code_and_last_log_lines()
    {
        var harness = new Harness();
        harness.Add("service");
        harness.Start();
        await harness.WaitUntil("service", s => s.IsReady);

        for (var i = 1; i <= 12; i++) harness.Logs.For("service").Append($"line {i}", isError: i == 12);
        harness.Runners["service"].Crash(134);
        var exited = await harness.WaitUntil("service", s => s.State == ResourceState.Exited);

        Assert.Equal(134, exited.ExitCode);
        Assert.Equal(ResourceHealth.Unknown, exited.Health);
        Assert.StartsWith("Exited with code 134.", exited.Message);
        Assert.Contains("line 12", exited.Message);
        Assert.Contains("line 3", exited.Message);
        Assert.DoesNotContain("line 2\n", exited.Message + "\n");
    }

    [Fact]
    public async Task A_resource_that_stops_answering_its_health_check_becomes_unhealthy()
    {
        var harness = new Harness();
        harness.Add("service");
        harness.Start();
        await harness.WaitUntil("service", s => s.IsReady);

        harness.Runners["service"].HealthProblem = "GET /health answered 503";
        var unhealthy = await harness.WaitUntil("service", s => s.Health == ResourceHealth.Unhealthy);

        Assert.Equal(ResourceState.Running, unhealthy.State);
        Assert.Equal("GET /health answered 503", unhealthy.Message);
    }

    [Fact]
    public async Task Stop_stops_dependents_before_their_dependencies()
    {
        var harness = new Harness();
        var database = harness.Add("database");
        var service = harness.Add("service", null, database);
        harness.Add("frontend", null, service);
        var orchestrator = harness.Start();
        await harness.WaitUntil("frontend", s => s.IsReady);

        await orchestrator.StopAsync(CancellationToken.None);

        Assert.Equal(["stop frontend", "stop service", "stop database"], harness.Journal.Where(e => e.StartsWith("stop")).ToList());
        Assert.All(harness.Resources, r => Assert.Equal(ResourceState.Exited, harness.Notifications.Get(r.Name).State));
    }

    [Fact]
    public async Task A_restart_stops_and_starts_the_resource_again_without_reporting_a_crash()
    {
        var harness = new Harness();
        var database = harness.Add("database");
        harness.Add("service", null, database);
        var orchestrator = harness.Start();
        await harness.WaitUntil("service", s => s.IsReady);

        await orchestrator.RestartAsync("service", CancellationToken.None);
        var ready = await harness.WaitUntil("service", s => s.IsReady);

        Assert.Equal(["start database", "start service", "stop service", "start service"], harness.Journal.ToList());
        Assert.Null(ready.ExitCode);
        Assert.DoesNotContain(harness.History, s => s.Name == "service" && s.Message?.StartsWith("Exited with code") == true);
        Assert.True(harness.Notifications.Get("database").IsReady);
    }

    [Fact]
    public async Task WaitForAll_reports_false_as_soon_as_one_resource_failed()
    {
        var harness = new Harness();
        harness.Add("good");
        harness.Add("bad", r => new ScriptedRunner("bad", harness.Journal) { FailStartWith = new ResourceStartException("no binary") });
        var orchestrator = harness.Start();

        using var timeout = new CancellationTokenSource(Patience);
        Assert.False(await orchestrator.WaitForAllAsync(timeout.Token));
    }
}
