namespace Platform.Outbox;

public sealed record OutboxOptions
{
    /// <summary>Rows read and published per round.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>How long the relay waits for a notification before it looks anyway.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one round of publishing may wait for the broker's confirms.</summary>
    public TimeSpan PublishTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan MinimumBackoff { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaximumBackoff { get; init; } = TimeSpan.FromSeconds(30);
}
