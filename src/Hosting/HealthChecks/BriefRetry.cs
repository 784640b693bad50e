using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Hosting.HealthChecks;

/// <summary>
/// Aspire re-polls a failing check with delays growing to about 5 s; retrying for a moment inside one check gets
/// the dependents going as soon as a server that is just coming up answers.
/// </summary>
internal static class BriefRetry
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);
    private const int Attempts = 8;

    /// <param name="probe">null when the server answered, otherwise why not.</param>
    public static async Task<HealthCheckResult> CheckAsync(Func<CancellationToken, Task<string?>> probe, CancellationToken cancellationToken)
    {
        string? failure = null;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (attempt > 0) await Task.Delay(Pause, cancellationToken);
            failure = await probe(cancellationToken);
            if (failure is null) return HealthCheckResult.Healthy();
        }
        return HealthCheckResult.Unhealthy(failure);
    }
}
