using Microsoft.Extensions.Configuration;
using Platform.Hosting.Binaries;

namespace Platform.Hosting.RabbitMQ;

/// <summary>
/// Debian's RabbitMQ: the script under /usr/lib/rabbitmq/bin (the /usr/sbin wrapper would switch to the system's
/// rabbitmq user and node), and Erlang's epmd.
/// </summary>
public sealed record RabbitMQInstallation(RequiredBinary Server, RequiredBinary Epmd)
{
    public const string ServerKey = "Hosting:RabbitMQServer";
    public const string EpmdKey = "Hosting:Epmd";

    public static RabbitMQInstallation From(IConfiguration configuration) => new(
        new RequiredBinary("The RabbitMQ server (rabbitmq-server)", configuration[ServerKey] ?? "/usr/lib/rabbitmq/bin/rabbitmq-server", "rabbitmq-server"),
        new RequiredBinary("Erlang's port mapper (epmd)", configuration[EpmdKey] ?? "/usr/bin/epmd", "erlang-base"));
}
