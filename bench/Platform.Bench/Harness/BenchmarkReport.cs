using Spectre.Console;

namespace Platform.Bench.Harness;

/// <summary>One row per measured scenario; printed as a table at the end of a run.</summary>
public sealed class BenchmarkReport(string benchmarkName)
{
    private readonly List<Measurement> _rows = new();
    private readonly List<string> _notes = new();

    public IReadOnlyList<Measurement> Rows => _rows;

    public void Add(Measurement measurement) => _rows.Add(measurement);

    public void Note(string text) => _notes.Add(text);

    public void Print()
    {
        // A report saved to a file must not be wrapped at 80 columns.
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 200;
        var table = new Table().Title($"benchmark: {benchmarkName}  ({Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        table.AddColumns("scenario", "operations", "throughput /s", "p50 ms", "p99 ms", "peak working set MB");
        foreach (var row in _rows)
            table.AddRow(Markup.Escape(row.Scenario), row.Operations.ToString("N0"), row.ThroughputPerSecond.ToString("N0"),
                row.P50Milliseconds.ToString("F2"), row.P99Milliseconds.ToString("F2"),
                row.PeakWorkingSetMegabytes?.ToString("N0") ?? "-");
        AnsiConsole.Write(table);
        foreach (var note in _notes) AnsiConsole.WriteLine(note);
    }
}

public sealed record Measurement(
    string Scenario,
    long Operations,
    double ThroughputPerSecond,
    double P50Milliseconds,
    double P99Milliseconds,
    double? PeakWorkingSetMegabytes = null);
