using Npgsql;

namespace Platform.AppHost.Hosting.Resources;

public sealed class PostgresServerResource(string name) : Resource(name), IResourceWithConnectionString
{
    public const string UserName = "postgres";

    public override string Type => "PostgreSQL";

    public List<PostgresDatabaseResource> Databases { get; } = [];

    /// <summary>Set when configuration names an existing server; then no local cluster is started.</summary>
    public string? ExistingConnectionString { get; set; }

    public int Port { get; set; }
    public string Password { get; set; } = "";

    public string ConnectionString => ExistingConnectionString ?? new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = UserName,
        Password = Password,
    }.ConnectionString;
}

public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource server)
    : Resource(name), IResourceWithConnectionString
{
    public override string Type => "PostgreSQL database";

    public string DatabaseName { get; } = databaseName;
    public PostgresServerResource Server { get; } = server;

    /// <summary>Set when configuration gives this database's own connection string.</summary>
    public string? ExistingConnectionString { get; set; }

    public string ConnectionString => ExistingConnectionString
        ?? new NpgsqlConnectionStringBuilder(Server.ConnectionString) { Database = DatabaseName }.ConnectionString;
}
