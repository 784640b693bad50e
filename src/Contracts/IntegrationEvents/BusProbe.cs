namespace Platform.Contracts.IntegrationEvents;

/// <summary>An operator's question to every service on the bus: are you connected and consuming?</summary>
public sealed record BusProbe(Guid ProbeId, string RequestedBy, DateTimeOffset SentAt);

/// <summary>One service's answer to a <see cref="BusProbe"/>.</summary>
public sealed record BusProbeAnswered(Guid ProbeId, string Service, string Instance, DateTimeOffset AnsweredAt);
