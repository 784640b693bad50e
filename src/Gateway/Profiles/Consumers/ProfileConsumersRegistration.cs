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
            // Transient failures (a deadlock, a lost connection) are retried here with backoff; what still fails goes
            // to gateway-profile_error, where an operator sees and replays it (Apis/OperationsApi). A message whose
            // consumer dies mid-way is redelivered by the broker, and the inbox makes that harmless.
            endpoint.UseMessageRetry(retry => retry.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200)));
        });
    }
}
