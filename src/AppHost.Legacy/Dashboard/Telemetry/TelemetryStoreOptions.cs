namespace Platform.AppHost.Dashboard.Telemetry;

public sealed record TelemetryStoreOptions
{
    /// <summary>Where accepted batches are kept so telemetry survives a restart; null keeps memory only.</summary>
    public string? Directory { get; init; }
    public TimeSpan Retention { get; init; } = TimeSpan.FromHours(24);
    public int MaximumSpans { get; init; } = 100_000;
    public int MaximumLogEntries { get; init; } = 100_000;
    public int MaximumMetricPoints { get; init; } = 200_000;
}
