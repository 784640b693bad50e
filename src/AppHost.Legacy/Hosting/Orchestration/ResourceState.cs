namespace Platform.AppHost.Hosting.Orchestration;

/// <summary>
/// Where a resource is in its life. <see cref="Finished"/> is a resource that runs to completion (a data load)
/// and exited with code 0; <see cref="Exited"/> is any other exit.
/// </summary>
public enum ResourceState { NotStarted, Waiting, Starting, Running, FailedToStart, Exited, Finished }

public enum ResourceHealth { Unknown, Healthy, Unhealthy }

public sealed record ResourceSnapshot(
    string Name,
    string Type,
    ResourceState State,
    ResourceHealth Health = ResourceHealth.Unknown,
    int? ExitCode = null,
    string? Message = null,
    IReadOnlyList<string>? Urls = null,
    int? ProcessId = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? StoppedAt = null,
    bool IsExisting = false)
{
    /// <summary>What <c>WaitFor</c> waits for: the resource runs and its health check passes.</summary>
    public bool IsReady => State == ResourceState.Running && Health == ResourceHealth.Healthy;

    /// <summary>It will not become ready without a restart.</summary>
    public bool HasFailed => State is ResourceState.FailedToStart or ResourceState.Exited;
}
