using System.Collections.Concurrent;

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

public sealed class ResourceLogStream
{
    private readonly string _resource;
    private readonly int _capacity;
    private readonly Action<LogLine>? _echo;
    private readonly Queue<LogLine> _lines = new();
    private readonly Lock _gate = new();
    private readonly LiveFeed<LogLine> _feed;
    private long _sequence;

    public ResourceLogStream(string resource, int capacity, Action<LogLine>? echo)
    {
        _resource = resource;
        _capacity = capacity;
        _echo = echo;
        _feed = new LiveFeed<LogLine>(_gate);
    }

    public void Append(string text, bool isError)
    {
        var line = _feed.Publish(() =>
        {
            var line = new LogLine(++_sequence, DateTimeOffset.UtcNow, _resource, text, isError);
            _lines.Enqueue(line);
            if (_lines.Count > _capacity) _lines.Dequeue();
            return line;
        });
        _echo?.Invoke(line);
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
    public IAsyncEnumerable<LogLine> TailAsync(CancellationToken cancellationToken) =>
        _feed.ReadAsync(() => _lines.ToList(), cancellationToken);
}
