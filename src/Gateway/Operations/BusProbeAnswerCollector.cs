using MassTransit;
using Platform.Contracts.IntegrationEvents;

namespace Platform.Gateway.Operations;

public sealed class BusProbeAnswerCollector(BusProbes probes) : IConsumer<BusProbeAnswered>
{
    public Task Consume(ConsumeContext<BusProbeAnswered> context)
    {
        probes.Record(context.Message);
        return Task.CompletedTask;
    }
}
