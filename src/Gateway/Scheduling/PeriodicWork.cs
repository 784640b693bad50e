namespace Platform.Gateway.Scheduling;

/// <summary>
/// Work the Gateway does by itself as time passes: once at start (catching up after downtime), then every
/// <c>{section}:Interval</c>, on the platform's clock (a test moves it by hand). A failed round is logged and tried
/// again at the next: the work commits what it did as it goes, so a failure loses nothing.
/// </summary>
public abstract class PeriodicWork(TimeProvider time, IConfiguration configuration, ILogger logger, string section, TimeSpan defaultInterval)
    : BackgroundService
{
    /// <summary>Does whatever has come due; returns how many things it looked at.</summary>
    protected abstract Task<int> RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue($"{section}:Interval", defaultInterval);
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                if (await RunOnceAsync(stoppingToken) is > 0 and var done)
                    logger.LogInformation("{Work} looked at {Count} items that had come due", section, done);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "{Work} failed; it runs again in {Interval}", section, interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
