using Platform.Gateway.Scheduling;

namespace Platform.Gateway.Profiles.Signals;

/// <summary>
/// Evaluates again the signals of the children whose rules said their answer changes today
/// (<see cref="ProfileProjection.ReevaluateDueAsync"/>), every 5 minutes by default: a screening's thirty days run
/// out, a child comes of school age, a benefit ends.
/// </summary>
public sealed class SignalClockService(ProfileProjection projection, TimeProvider time, IConfiguration configuration, ILogger<SignalClockService> logger)
    : PeriodicWork(time, configuration, logger, "Profiles:SignalClock", TimeSpan.FromMinutes(5))
{
    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => projection.ReevaluateDueAsync(cancellationToken);
}
