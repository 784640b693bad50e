using MassTransit;
using Platform.Contracts.IntegrationEvents;

namespace Platform.Gateway.Profiles.Consumers;

public static class ProfileConsumersRegistration
{
    /// <summary>The queue every agency event reaches the profile through; failures end in its _error queue.</summary>
    public const string QueueName = "gateway-profile";

    private static readonly Type[] EventTypes = typeof(AgencyRecordEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(AgencyRecordEvent)) && !t.IsAbstract)
        .ToArray();

    public static void AddProfileConsumers(this IBusRegistrationConfigurator bus)
    {
        foreach (var eventType in EventTypes)
            bus.AddConsumer(typeof(AgencyRecordEventConsumer<>).MakeGenericType(eventType)).Endpoint(e => e.Name = QueueName);
        bus.AddConsumer<AgencyRecordEventBatchConsumer>().Endpoint(e => e.Name = QueueName);
        bus.AddConfigureEndpointsCallback((context, name, endpoint) =>
        {
            if (name != QueueName) return;
            // Transient failures (a deadlock, a lost connection) are retried here, then redelivered later; what still
            // fails goes to gateway-profile_error, where an operator can see and replay it.
            endpoint.UseMessageRetry(retry => retry.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200)));
        });
    }
}
