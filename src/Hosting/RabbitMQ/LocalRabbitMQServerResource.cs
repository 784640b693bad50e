using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.RabbitMQ;

/// <summary>
/// A private RabbitMQ node run from Debian's rabbitmq-server: its own node name, cookie, Mnesia and config in
/// <see cref="DataDirectory"/>, loopback ports allocated by DCP, and its own port mapper (<see cref="Epmd"/>).
/// </summary>
public sealed class LocalRabbitMQServerResource(string name, RabbitMQInstallation installation, string dataDirectory, ParameterResource password, EpmdResource epmd)
    : ExecutableResource(name, installation.Server.Path, dataDirectory), IResourceWithConnectionString
{
    public const string UserName = "platform";
    public const string AmqpEndpointName = "tcp";
    public const string DistributionEndpointName = "dist";

    public RabbitMQInstallation Installation { get; } = installation;
    public string DataDirectory => WorkingDirectory;
    public ParameterResource PasswordParameter { get; } = password;
    public EpmdResource Epmd { get; } = epmd;
    public string NodeName => $"{Name}@localhost";

    public EndpointReference AmqpEndpoint => new(this, AmqpEndpointName);
    public EndpointReference DistributionEndpoint => new(this, DistributionEndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://{UserName}:{PasswordParameter}@127.0.0.1:{AmqpEndpoint.Property(EndpointProperty.Port)}/");
}

/// <summary>Erlang's port mapper on a private loopback port, run by DCP so that it stops with the node instead of outliving it as a daemon.</summary>
public sealed class EpmdResource(string name, RabbitMQInstallation installation, string workingDirectory)
    : ExecutableResource(name, installation.Epmd.Path, workingDirectory)
{
    public const string EndpointName = "tcp";

    public RabbitMQInstallation Installation { get; } = installation;
    public EndpointReference Endpoint => new(this, EndpointName);
}
