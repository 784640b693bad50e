using MassTransit;
using Platform.Contracts.IntegrationEvents;

namespace Platform.Messaging;

/// <summary>Every service answers an operator's bus probe, proving it is connected and consuming.</summary>
public sealed class BusProbeResponder(ServiceIdentity identity, TimeProvider time) : IConsumer<BusProbe>
{
    public Task Consume(ConsumeContext<BusProbe> context) =>
        context.Publish(new BusProbeAnswered(context.Message.ProbeId, identity.Name, identity.Instance, time.GetUtcNow()));
}
