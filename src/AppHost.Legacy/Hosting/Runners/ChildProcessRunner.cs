using Platform.AppHost.Hosting.Logs;
using Platform.AppHost.Hosting.Processes;

namespace Platform.AppHost.Hosting.Runners;

/// <summary>The part every process-backed runner shares: pid bookkeeping, stop with grace, exit reporting.</summary>
public abstract class ChildProcessRunner(string resourceName, StaleProcessGuard staleProcesses, ResourceLogStream log) : ResourceRunner
{
    private TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ManagedProcess? _process;

    protected string ResourceName { get; } = resourceName;
    protected ResourceLogStream Log { get; } = log;
    protected StaleProcessGuard StaleProcesses { get; } = staleProcesses;

    public override Task<int> Exited => _exited.Task;
    public override int? ProcessId => _process?.Id;

    protected virtual TimeSpan StopGrace => TimeSpan.FromSeconds(20);

    protected ManagedProcess StartProcess(ProcessSpec spec)
    {
        var environment = new Dictionary<string, string>(spec.Environment)
        {
            [StaleProcessGuard.MarkerVariable] = StaleProcesses.MarkerFor(ResourceName),
        };
        // A restart starts a new process: it gets its own exit signal, so the old one's exit is not taken for it.
        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = ManagedProcess.Start(spec with { Environment = environment }, Log);
        StaleProcesses.Record(ResourceName, process.Id);
        _process = process;
        _exited = exited;
        _ = process.Exited.ContinueWith(exit => exited.TrySetResult(exit.Result), TaskScheduler.Default);
        return process;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_process is null) return;
        await _process.StopAsync(StopGrace);
        StaleProcesses.Forget(ResourceName);
    }
}
