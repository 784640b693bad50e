using MassTransit;

namespace Platform.AgencyServices.Referrals;

public static class ReferralInboxExtensions
{
    /// <summary>
    /// Consumes the referrals addressed to this service's agency (pass to <c>AddPlatformMessaging</c>). Transient
    /// failures are retried; an invalid referral goes to the error queue at once, where an operator sees it.
    /// </summary>
    public static void AddReferralInbox(this IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<ReferralIssuedConsumer>((_, consumer) => consumer.UseMessageRetry(retry =>
        {
            retry.Ignore<InvalidReferralException>();
            retry.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200));
        }));
}
