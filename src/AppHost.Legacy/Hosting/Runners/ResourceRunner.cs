namespace Platform.AppHost.Hosting.Runners;

/// <summary>
/// Starts, checks and stops one resource. The orchestrator decides when (WaitFor, stop order); a runner
/// only knows how.
/// </summary>
public abstract class ResourceRunner
{
    private static readonly Task<int> NeverExits = new TaskCompletionSource<int>().Task;

    /// <summary>Returns once the resource is started (not necessarily healthy); throws when it cannot start.</summary>
    public abstract Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Really connects or asks; null when healthy, otherwise why not.</summary>
    public abstract Task<string?> CheckHealthAsync(CancellationToken cancellationToken);

    public abstract Task StopAsync(CancellationToken cancellationToken);

    /// <summary>Completes with the exit code when the resource's process ends, whether asked to or not.</summary>
    public virtual Task<int> Exited => NeverExits;

    public virtual int? ProcessId => null;

    /// <summary>True when the resource is an existing server the AppHost only connects to.</summary>
    public virtual bool IsExisting => false;

    /// <summary>The environment the resource's process is started with beyond the AppHost's own (for the dashboard).</summary>
    public virtual IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>();
}

/// <summary>A resource could not start for a reason the user can act on; the message says what to do.</summary>
public sealed class ResourceStartException(string message, Exception? inner = null) : Exception(message, inner);
