using System.Net.Sockets;
using Aspire.Hosting.ApplicationModel;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.Hosting.HealthChecks;

/// <summary>Probes that really connect: null when the server answered, otherwise why not.</summary>
public static class ConnectionProbes
{
    /// <summary>Opens a connection and runs a query; for a database this also says that the database exists.</summary>
    public static async Task<string?> PostgresAsync(IResourceWithConnectionString resource, CancellationToken cancellationToken)
    {
        try
        {
            var connectionString = WithDefaultDatabase(await resource.GetConnectionStringAsync(cancellationToken) ?? "");
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

    /// <summary>
    /// A server's connection string names no database, and Npgsql would then take the user's name as the database's;
    /// 'postgres' is there on every server.
    /// </summary>
    public static string WithDefaultDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.Database)) builder.Database = "postgres";
        return builder.ConnectionString;
    }

    public static async Task<string?> RabbitMQAsync(IResourceWithConnectionString resource, CancellationToken cancellationToken)
    {
        try
        {
            var factory = new ConnectionFactory
            {
                Uri = new Uri(await resource.GetConnectionStringAsync(cancellationToken) ?? ""),
                RequestedConnectionTimeout = TimeSpan.FromSeconds(3),
                AutomaticRecoveryEnabled = false,
                ClientProvidedName = "platform-apphost-health",
            };
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            return connection.IsOpen ? null : "the connection closed right after opening";
        }
        catch (Exception exception) when (exception is BrokerUnreachableException or OperationInterruptedException
                                              or TimeoutException or UriFormatException or SocketException)
        {
            return exception.InnerException?.Message ?? exception.Message;
        }
    }

    public static async Task<string?> TcpAsync(EndpointReference endpoint, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", endpoint.Port, cancellationToken);
            return null;
        }
        catch (SocketException exception)
        {
            return exception.Message;
        }
    }
}
