using System.Threading.Channels;

namespace Platform.AppHost.Hosting;

/// <summary>
/// Hands every published item to any number of live readers, each of which first gets the owner's current
/// state. Publishing and subscribing run under the owner's lock, so a reader never misses or repeats an item
/// between the backlog and the live part.
/// </summary>
internal sealed class LiveFeed<T>(Lock ownerGate)
{
    private readonly List<Channel<T>> _readers = [];

    /// <summary>Runs <paramref name="change"/> under the owner's lock and sends what it returns to every reader.</summary>
    public T Publish(Func<T> change)
    {
        T item;
        Channel<T>[] readers;
        lock (ownerGate)
        {
            item = change();
            readers = _readers.ToArray();
        }
        foreach (var reader in readers) reader.Writer.TryWrite(item);
        return item;
    }

    public async IAsyncEnumerable<T> ReadAsync(
        Func<IReadOnlyList<T>> backlog, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<T>();
        IReadOnlyList<T> current;
        lock (ownerGate)
        {
            current = backlog();
            _readers.Add(channel);
        }
        try
        {
            foreach (var item in current) yield return item;
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken)) yield return item;
        }
        finally
        {
            lock (ownerGate) _readers.Remove(channel);
        }
    }
}
