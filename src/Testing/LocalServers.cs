using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;
using Platform.Hosting.DataFolders;
using Platform.Hosting.Postgres;
using Platform.Hosting.RabbitMQ;

namespace Platform.Testing;

/// <summary>
/// A private PostgreSQL server and RabbitMQ node (the hosting integration's own local resources, no services) in a
/// data folder of their own under /tmp, for tests of one part against real servers. Disposing stops both and
/// deletes the folder.
/// </summary>
public sealed class LocalServers : IAsyncDisposable
{
    public const string PostgresName = "postgres";
    public const string MessagingName = "messaging";

    private LocalServers(DistributedApplication application, string dataFolder, string postgres, string messaging)
    {
        Application = application;
        DataFolder = dataFolder;
        PostgresConnectionString = postgres;
        MessagingConnectionString = messaging;
    }

    public DistributedApplication Application { get; }

    public string DataFolder { get; }

    public string PostgresConnectionString { get; }

    /// <summary>An amqp:// URI, as services read it from <c>ConnectionStrings__messaging</c>.</summary>
    public string MessagingConnectionString { get; }

    /// <summary>Starts both servers and waits until they are healthy.</summary>
    public static async Task<LocalServers> StartAsync(string name)
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "platform-tests", $"{name}-{Guid.NewGuid().ToString("N")[..12]}");
        var builder = DistributedApplicationTestingBuilder.Create($"--{DataFolderLocation.DirectoryKey}={dataFolder}", $"--{DataFolderLocation.FreshKey}=true");
        builder.AddLocalPostgres(PostgresName);
        builder.AddLocalRabbitMQ(MessagingName);
        var application = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await application.StartAsync(timeout.Token);
        await application.ResourceNotifications.WaitForResourceHealthyAsync(PostgresName, timeout.Token);
        await application.ResourceNotifications.WaitForResourceHealthyAsync(MessagingName, timeout.Token);
        return new LocalServers(application, dataFolder,
            (await application.GetConnectionStringAsync(PostgresName, timeout.Token))!,
            (await application.GetConnectionStringAsync(MessagingName, timeout.Token))!);
    }

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Restarts one of the servers as the dashboard's Restart button does, and waits until it is healthy again.</summary>
    public async Task RestartAsync(string resource)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await Application.RestartResourceAsync(resource, timeout.Token);
        await Application.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await Application.StopAsync();
        await Application.DisposeAsync();
        if (Directory.Exists(DataFolder)) Directory.Delete(DataFolder, recursive: true);
    }
}
