using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.AppHost.Hosting.Runners;

/// <summary>Health checks that really connect: null when the server answers, otherwise why not.</summary>
public static class ConnectionProbes
{
    public static async Task<string?> PostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(
                new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 3, Pooling = false }.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return null;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException or ArgumentException)
        {
            return exception.Message;
        }
    }

    public static async Task<string?> RabbitMQAsync(string amqpUri, CancellationToken cancellationToken)
    {
        try
        {
            var factory = new ConnectionFactory
            {
                Uri = new Uri(amqpUri),
                RequestedConnectionTimeout = TimeSpan.FromSeconds(3),
                AutomaticRecoveryEnabled = false,
                ClientProvidedName = "platform-apphost-health",
            };
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            return connection.IsOpen ? null : "the connection closed right after opening";
        }
        catch (Exception exception) when (exception is BrokerUnreachableException or OperationInterruptedException
                                              or TimeoutException or UriFormatException or System.Net.Sockets.SocketException)
        {
            return exception.InnerException?.Message ?? exception.Message;
        }
    }
}
