using Platform.Gateway.Cases.Referrals;
using Platform.Gateway.Scheduling;

namespace Platform.Gateway.Cases.FollowUp;

/// <summary>Looks at the referrals whose clocks changed by themselves (<see cref="CaseReferrals.FollowUpDueAsync"/>), every 30 s by default.</summary>
public sealed class ReferralFollowUpService(CaseReferrals referrals, TimeProvider time, IConfiguration configuration, ILogger<ReferralFollowUpService> logger)
    : PeriodicWork(time, configuration, logger, "Cases:FollowUp", TimeSpan.FromSeconds(30))
{
    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => referrals.FollowUpDueAsync(cancellationToken);
}
