using Platform.Gateway.Cases.Referrals;

namespace Platform.Gateway.Cases.FollowUp;

/// <summary>
/// Looks at the referrals whose clocks have changed by themselves, at start (catching up after downtime) and then
/// every <c>Cases:FollowUpInterval</c> (30 s by default), on the platform's clock. A failed look is logged and
/// retried at the next one: nothing it would have told is lost, since the readings move on only when it commits.
/// </summary>
public sealed class ReferralFollowUpService(CaseReferrals referrals, TimeProvider time, IConfiguration configuration, ILogger<ReferralFollowUpService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Cases:FollowUpInterval", TimeSpan.FromSeconds(30));
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                if (await referrals.FollowUpDueAsync(stoppingToken) is > 0 and var looked)
                    logger.LogInformation("Follow-up looked at {Referrals} referrals whose deadlines moved", looked);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "The referral follow-up failed; it looks again in {Interval}", interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
