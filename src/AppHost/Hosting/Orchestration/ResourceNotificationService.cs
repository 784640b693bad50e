using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Platform.AppHost.Hosting.Orchestration;

/// <summary>The current state of every resource, and a way to watch or wait for changes.</summary>
public sealed class ResourceNotificationService
{
    private readonly ConcurrentDictionary<string, ResourceSnapshot> _snapshots = new();
    private readonly List<Channel<ResourceSnapshot>> _watchers = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<ResourceSnapshot> Snapshots => _snapshots.Values.OrderBy(s => s.Name).ToList();

    public ResourceSnapshot Get(string name) =>
        _snapshots.TryGetValue(name, out var snapshot) ? snapshot : throw new KeyNotFoundException($"No resource named '{name}'.");

    public void Publish(ResourceSnapshot snapshot) => Update(snapshot.Name, _ => snapshot);

    /// <summary>Applies <paramref name="change"/> to the current snapshot atomically and tells every watcher.</summary>
    public void Update(string name, Func<ResourceSnapshot?, ResourceSnapshot> change)
    {
        ResourceSnapshot updated;
        Channel<ResourceSnapshot>[] watchers;
        lock (_gate)
        {
            updated = change(_snapshots.GetValueOrDefault(name));
            _snapshots[name] = updated;
            watchers = _watchers.ToArray();
        }
        foreach (var watcher in watchers) watcher.Writer.TryWrite(updated);
    }

    /// <summary>Every resource's current snapshot, then each change as it happens.</summary>
    public async IAsyncEnumerable<ResourceSnapshot> WatchAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<ResourceSnapshot>();
        IReadOnlyList<ResourceSnapshot> current;
        lock (_gate)
        {
            current = Snapshots;
            _watchers.Add(channel);
        }
        try
        {
            foreach (var snapshot in current) yield return snapshot;
            await foreach (var snapshot in channel.Reader.ReadAllAsync(cancellationToken)) yield return snapshot;
        }
        finally
        {
            lock (_gate) _watchers.Remove(channel);
        }
    }

    public async Task<ResourceSnapshot> WaitForAsync(string name, Func<ResourceSnapshot, bool> condition, CancellationToken cancellationToken)
    {
        await foreach (var snapshot in WatchAsync(cancellationToken))
            if (snapshot.Name == name && condition(snapshot)) return snapshot;
        throw new OperationCanceledException(cancellationToken);
    }
}
