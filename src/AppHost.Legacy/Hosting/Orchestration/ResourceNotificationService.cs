using System.Collections.Concurrent;

namespace Platform.AppHost.Hosting.Orchestration;

/// <summary>The current state of every resource, and a way to watch or wait for changes.</summary>
public sealed class ResourceNotificationService
{
    private readonly ConcurrentDictionary<string, ResourceSnapshot> _snapshots = new();
    private readonly Lock _gate = new();
    private readonly LiveFeed<ResourceSnapshot> _feed;

    public ResourceNotificationService() => _feed = new LiveFeed<ResourceSnapshot>(_gate);

    public IReadOnlyList<ResourceSnapshot> Snapshots => _snapshots.Values.OrderBy(s => s.Name).ToList();

    public ResourceSnapshot Get(string name) =>
        _snapshots.TryGetValue(name, out var snapshot) ? snapshot : throw new KeyNotFoundException($"No resource named '{name}'.");

    public void Publish(ResourceSnapshot snapshot) => Update(snapshot.Name, _ => snapshot);

    /// <summary>Applies <paramref name="change"/> to the current snapshot atomically and tells every watcher.</summary>
    public void Update(string name, Func<ResourceSnapshot?, ResourceSnapshot> change) =>
        _feed.Publish(() => _snapshots[name] = change(_snapshots.GetValueOrDefault(name)));

    /// <summary>Every resource's current snapshot, then each change as it happens.</summary>
    public IAsyncEnumerable<ResourceSnapshot> WatchAsync(CancellationToken cancellationToken) =>
        _feed.ReadAsync(() => Snapshots, cancellationToken);

    public async Task<ResourceSnapshot> WaitForAsync(string name, Func<ResourceSnapshot, bool> condition, CancellationToken cancellationToken)
    {
        await foreach (var snapshot in WatchAsync(cancellationToken))
            if (snapshot.Name == name && condition(snapshot)) return snapshot;
        throw new OperationCanceledException(cancellationToken);
    }
}
