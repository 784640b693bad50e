using System.Text;
using Npgsql;
using Platform.AppHost.Hosting.Application;
using Platform.AppHost.Hosting.Orchestration;
using Platform.AppHost.Hosting.Processes;
using Platform.AppHost.Testing;
using RabbitMQ.Client;

namespace Platform.AppHost.Tests;

/// <summary>The real private PostgreSQL cluster and RabbitMQ node, started and stopped through the AppHost's code.</summary>
public sealed class PrivateServersTests
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(3);

    private static async Task<DistributedApplication> StartServersAsync(bool fresh)
    {
        var builder = DistributedApplicationTestingBuilder.Create("private-servers", fresh: fresh);
        builder.AddPostgres("postgres").AddDatabase("records-db");
        builder.AddRabbitMQ("messaging");
        var app = builder.Build();
        await app.StartAsync();
        using var timeout = new CancellationTokenSource(StartPatience);
        Assert.True(await app.WaitForAllResourcesAsync(timeout.Token),
            string.Join("\n", app.ResourceNotifications.Snapshots.Select(s => $"{s.Name}: {s.State} {s.Message}")));
        return app;
    }

    [Fact]
    public async Task Servers_start_healthy_stop_without_leftovers_and_keep_their_data_across_a_restart()
    {
        await using (var first = await StartServersAsync(fresh: true))
        {
            Assert.All(first.ResourceNotifications.Snapshots, s => Assert.True(s.IsReady && !s.IsExisting, s.Name));
            Assert.NotNull(first.ResourceNotifications.Get("postgres").ProcessId);

            await using (var connection = new NpgsqlConnection(first.GetConnectionString("records-db")))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(
                    "CREATE TABLE survivors (name text); INSERT INTO survivors VALUES ('kept across restart')", connection);
                await command.ExecuteNonQueryAsync();
            }
            await PublishPersistentAsync(first.GetConnectionString("messaging"), "restart-check", "kept in the queue");

            await first.StopAsync();
            Assert.All(first.ResourceNotifications.Snapshots, s => Assert.Equal(ResourceState.Exited, s.State));
            Assert.Empty(ProcessesOf(first.Options.DataDirectory));
        }

        await using var second = await StartServersAsync(fresh: false);
        await using (var connection = new NpgsqlConnection(second.GetConnectionString("records-db")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT name FROM survivors", connection);
            Assert.Equal("kept across restart", await command.ExecuteScalarAsync());
        }
        Assert.Equal("kept in the queue", await GetAsync(second.GetConnectionString("messaging"), "restart-check"));
        await second.StopAsync();
        Assert.Empty(ProcessesOf(second.Options.DataDirectory));
    }

    [Fact]
    public async Task Existing_servers_from_configuration_are_used_and_no_local_server_is_started()
    {
        var shared = await SharedInfrastructure.GetAsync();
        var builder = DistributedApplicationTestingBuilder.Create("existing-servers", new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = shared.PostgresConnectionString,
            ["ConnectionStrings:messaging"] = shared.MessagingConnectionString,
        });
        builder.AddPostgres("postgres").AddDatabase("existing-check-db");
        builder.AddRabbitMQ("messaging");
        await using var app = builder.Build();

        await app.StartAsync();
        using var timeout = new CancellationTokenSource(StartPatience);
        Assert.True(await app.WaitForAllResourcesAsync(timeout.Token));

        Assert.Equal(shared.PostgresConnectionString, app.GetConnectionString("postgres"));
        Assert.Equal(shared.MessagingConnectionString, app.GetConnectionString("messaging"));
        Assert.True(app.ResourceNotifications.Get("postgres").IsExisting);
        Assert.True(app.ResourceNotifications.Get("messaging").IsExisting);
        Assert.Null(app.ResourceNotifications.Get("postgres").ProcessId);
        Assert.False(Directory.Exists(Path.Combine(app.Options.DataDirectory, "postgres")));
        Assert.False(Directory.Exists(Path.Combine(app.Options.DataDirectory, "messaging")));
        Assert.Empty(ProcessesOf(app.Options.DataDirectory));

        // The database was created on the existing server.
        await using var connection = new NpgsqlConnection(app.GetConnectionString("existing-check-db"));
        await connection.OpenAsync();
        Assert.Equal("existing-check-db", connection.Database);
    }

    [Fact]
    public async Task An_unreachable_existing_server_is_reported_unhealthy_and_holds_its_dependents()
    {
        var unusedPort = FreePorts.Allocate();
        var builder = DistributedApplicationTestingBuilder.Create("existing-unreachable", new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = $"Host=127.0.0.1;Port={unusedPort};Username=postgres;Password=x",
        });
        builder.AddPostgres("postgres").AddDatabase("never-db");
        await using var app = builder.Build();
        await app.StartAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var postgres = await app.ResourceNotifications.WaitForAsync("postgres", s => s.Health == ResourceHealth.Unhealthy, timeout.Token);
        Assert.Contains($"127.0.0.1:{unusedPort}", postgres.Message);
        await app.ResourceNotifications.WaitForAsync("never-db", s => s.State == ResourceState.Waiting, timeout.Token);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(ResourceState.Waiting, app.ResourceNotifications.Get("never-db").State);
    }

    private static async Task PublishPersistentAsync(string amqpUri, string queue, string body)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(amqpUri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes(body));
    }

    private static async Task<string?> GetAsync(string amqpUri, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(amqpUri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var message = await channel.BasicGetAsync(queue, autoAck: true);
        return message is null ? null : Encoding.UTF8.GetString(message.Body.Span);
    }

    /// <summary>Processes started for this data folder: they carry its marker in their environment.</summary>
    private static List<int> ProcessesOf(string dataDirectory)
    {
        var marker = $"{StaleProcessGuard.MarkerVariable}={Path.GetFullPath(dataDirectory)}#";
        var found = new List<int>();
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            try
            {
                if (Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(directory, "environ"))).Contains(marker)) found.Add(pid);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked, or is not ours to read.
            }
        }
        return found;
    }
}
