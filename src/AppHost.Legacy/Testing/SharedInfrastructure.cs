using Npgsql;
using Platform.AppHost.Hosting.Application;

namespace Platform.AppHost.Testing;

/// <summary>
/// One private PostgreSQL cluster and one RabbitMQ node for a whole test run, started on first use and stopped
/// when the test process exits. Each test asks for its own empty database.
/// </summary>
public sealed class SharedInfrastructure
{
    public const string PostgresName = "postgres";
    public const string MessagingName = "messaging";

    private static readonly Lazy<Task<SharedInfrastructure>> Instance = new(StartAsync);

    private SharedInfrastructure(DistributedApplication application) => Application = application;

    public DistributedApplication Application { get; }

    public string PostgresConnectionString => Application.GetConnectionString(PostgresName);

    /// <summary>An amqp:// URI, as services read it from <c>ConnectionStrings__messaging</c>.</summary>
    public string MessagingConnectionString => Application.GetConnectionString(MessagingName);

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
        var testRun = System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name is { } entry && entry != "testhost"
            ? entry
            : AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).FirstOrDefault(n => n?.EndsWith(".Tests") == true) ?? "shared";
        var builder = DistributedApplicationTestingBuilder.Create(testRun.ToLowerInvariant().Replace('.', '-'));
        builder.AddPostgres(PostgresName);
        builder.AddRabbitMQ(MessagingName);
        var application = builder.Build();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => application.StopAsync().GetAwaiter().GetResult();
        await application.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await application.WaitForResourceReadyAsync(PostgresName, timeout.Token);
        await application.WaitForResourceReadyAsync(MessagingName, timeout.Token);
        return new SharedInfrastructure(application);
    }
}
