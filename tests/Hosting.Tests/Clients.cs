using Npgsql;
using RabbitMQ.Client;

namespace Platform.Hosting.Tests;

/// <summary>The tests' own connections, closed when done so that nothing holds a server's shutdown.</summary>
public static class Clients
{
    public static async Task<T?> QueryAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default : (T)value;
    }

    public static Task<IConnection> OpenBrokerAsync(string amqpUri) =>
        new ConnectionFactory { Uri = new Uri(amqpUri), AutomaticRecoveryEnabled = false }.CreateConnectionAsync();
}
