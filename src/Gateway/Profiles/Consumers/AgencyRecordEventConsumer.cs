using MassTransit;
using Platform.Contracts.IntegrationEvents;

namespace Platform.Gateway.Profiles.Consumers;

/// <summary>Applies one agency event to the profile; a redelivery is recognised by the inbox and changes nothing.</summary>
public sealed class AgencyRecordEventConsumer<TEvent>(ProfileProjection projection) : IConsumer<TEvent> where TEvent : AgencyRecordEvent
{
    public Task Consume(ConsumeContext<TEvent> context)
    {
        System.Diagnostics.Activity.Current?.SetTag("platform.record.id", context.Message.RecordId);
        return projection.ApplyAsync([context.Message], context.CancellationToken);
    }
}

/// <summary>Applies a bulk load's batch in one transaction; each event keeps its own id in the inbox.</summary>
public sealed class AgencyRecordEventBatchConsumer(ProfileProjection projection) : IConsumer<AgencyRecordEventBatch>
{
    public Task Consume(ConsumeContext<AgencyRecordEventBatch> context) => projection.ApplyAsync(context.Message.Events, context.CancellationToken);
}
