namespace Platform.Gateway.Tests;

/// <summary>
/// Tests that run a Gateway on the shared RabbitMQ node. Every Gateway consumes the one queue <c>gateway-profile</c>,
/// so two running at once would take each other's events; the tests of this collection run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class GatewayOnSharedBroker
{
    public const string Name = "Gateway on the shared broker";
}
