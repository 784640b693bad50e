using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Platform.AppHost.Hosting.Logs;

public sealed record LogLine(long Sequence, DateTimeOffset Timestamp, string Resource, string Text, bool IsError);

/// <summary>The console output of every resource, bounded per resource, for the terminal and the dashboard.</summary>
public sealed class ResourceLogStore(int maximumLinesPerResource = 10_000, Action<LogLine>? echo = null)
{
    private readonly ConcurrentDictionary<string, ResourceLogStream> _streams = new();

    public ResourceLogStream For(string resource) =>
        _streams.GetOrAdd(resource, name => new ResourceLogStream(name, maximumLinesPerResource, echo));

    public IReadOnlyCollection<string> Resources => _streams.Keys.ToList();
}

public sealed class ResourceLogStream(string resource, int capacity, Action<LogLine>? echo)
{
    private readonly Queue<LogLine> _lines = new();
    private readonly List<Channel<LogLine>> _subscribers = [];
    private readonly Lock _gate = new();
    private long _sequence;

    public void Append(string text, bool isError)
    {
        LogLine line;
        Channel<LogLine>[] subscribers;
        lock (_gate)
        {
            line = new LogLine(++_sequence, DateTimeOffset.UtcNow, resource, text, isError);
            _lines.Enqueue(line);
            if (_lines.Count > capacity) _lines.Dequeue();
            subscribers = _subscribers.ToArray();
        }
        echo?.Invoke(line);
        foreach (var subscriber in subscribers) subscriber.Writer.TryWrite(line);
    }

    public IReadOnlyList<LogLine> Snapshot()
    {
        lock (_gate) return _lines.ToList();
    }

    public IReadOnlyList<string> LastLines(int count)
    {
        lock (_gate) return _lines.Skip(Math.Max(0, _lines.Count - count)).Select(l => l.Text).ToList();
    }

    /// <summary>The lines kept so far, then every new line as it arrives (a live tail).</summary>
    public async IAsyncEnumerable<LogLine> TailAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<LogLine>();
        IReadOnlyList<LogLine> backlog;
        lock (_gate)
        {
            backlog = _lines.ToList();
            _subscribers.Add(channel);
        }
        try
        {
            foreach (var line in backlog) yield return line;
            await foreach (var line in channel.Reader.ReadAllAsync(cancellationToken)) yield return line;
        }
        finally
        {
            lock (_gate) _subscribers.Remove(channel);
        }
    }
}
