namespace Platform.Outbox;

public sealed record PendingOutboxMessage(
    long Id, Guid MessageId, string PartitionKey, string MessageType, string Payload, string? TraceParent, string? TraceState, int Attempts);
