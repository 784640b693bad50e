using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;
using Platform.Hosting.DataFolders;
using Platform.Hosting.Postgres;
using Platform.Hosting.RabbitMQ;

namespace Platform.Testing;

/// <summary>
/// One private PostgreSQL server and one RabbitMQ node for a whole test run (the hosting integration's own local
/// resources, no services), started on first use and stopped when the test process exits. Each test asks for its
/// own empty database.
/// </summary>
public sealed class SharedInfrastructure
{
    public const string PostgresName = "postgres";
    public const string MessagingName = "messaging";

    private static readonly Lazy<Task<SharedInfrastructure>> Instance = new(StartAsync);

    private SharedInfrastructure(DistributedApplication application, string postgres, string messaging)
    {
        Application = application;
        PostgresConnectionString = postgres;
        MessagingConnectionString = messaging;
    }

    public DistributedApplication Application { get; }

    public string PostgresConnectionString { get; }

    /// <summary>An amqp:// URI, as services read it from <c>ConnectionStrings__messaging</c>.</summary>
    public string MessagingConnectionString { get; }

    public static Task<SharedInfrastructure> GetAsync() => Instance.Value;

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

    private static async Task<SharedInfrastructure> StartAsync()
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "platform-tests", $"shared-{Guid.NewGuid().ToString("N")[..12]}");
        var builder = DistributedApplicationTestingBuilder.Create($"--{DataFolderLocation.DirectoryKey}={dataFolder}", $"--{DataFolderLocation.FreshKey}=true");
        builder.AddLocalPostgres(PostgresName);
        builder.AddLocalRabbitMQ(MessagingName);
        var application = builder.Build();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            application.StopAsync().GetAwaiter().GetResult();
            if (Directory.Exists(dataFolder)) Directory.Delete(dataFolder, recursive: true);
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await application.StartAsync(timeout.Token);
        await application.ResourceNotifications.WaitForResourceHealthyAsync(PostgresName, timeout.Token);
        await application.ResourceNotifications.WaitForResourceHealthyAsync(MessagingName, timeout.Token);
        return new SharedInfrastructure(application,
            (await application.GetConnectionStringAsync(PostgresName, timeout.Token))!,
            (await application.GetConnectionStringAsync(MessagingName, timeout.Token))!);
    }
}
