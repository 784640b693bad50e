using MassTransit;
using Platform.Contracts.IntegrationEvents;

namespace Platform.Gateway.Cases.Referrals;

/// <summary>An agency took a referral on: the case shows who handles it.</summary>
public sealed class ReferralAcknowledgedConsumer(CaseReferrals referrals) : IConsumer<ReferralAcknowledged>
{
    public Task Consume(ConsumeContext<ReferralAcknowledged> context) => referrals.RecordAnswerAsync(context.Message, context.CancellationToken);
}

/// <summary>An agency did what was referred: the case shows what was done.</summary>
public sealed class ReferralCompletedConsumer(CaseReferrals referrals) : IConsumer<ReferralCompleted>
{
    public Task Consume(ConsumeContext<ReferralCompleted> context) => referrals.RecordAnswerAsync(context.Message, context.CancellationToken);
}

public static class ReferralAnswerConsumersRegistration
{
    /// <summary>Takes the agencies' answers onto the cases (pass to <c>AddPlatformMessaging</c>); transient failures are retried.</summary>
    public static void AddReferralAnswerConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ReferralAcknowledgedConsumer>(Retried);
        bus.AddConsumer<ReferralCompletedConsumer>(Retried);
    }

    private static void Retried<TConsumer>(IRegistrationContext _, IConsumerConfigurator<TConsumer> consumer) where TConsumer : class =>
        consumer.UseMessageRetry(retry => retry.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200)));
}
