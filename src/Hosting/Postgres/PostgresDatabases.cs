using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Hosting.HealthChecks;

namespace Platform.Hosting.Postgres;

/// <summary>
/// A database on a server, local or existing: its connection string is the server's with the database named, and
/// it is created, if missing, as soon as the server is healthy, so whatever waits for the database finds it.
/// </summary>
internal static class PostgresDatabases
{
    public static IResourceBuilder<IResourceWithConnectionString> Add(IResourceBuilder<IResourceWithConnectionString> server, string name, string databaseName)
    {
        if (!IsPlainIdentifier(databaseName))
            throw new ArgumentException($"The database name '{databaseName}' must be lower-case letters, digits, '-' or '_'.", nameof(databaseName));

        return server.ApplicationBuilder
            .AddConnectionString(name, ReferenceExpression.Create($"{server.Resource};Database={databaseName}"))
            .WithParentRelationship(server)
            .WithIconName("Database")
            .OnBeforeResourceStarted(async (_, @event, cancellationToken) =>
            {
                await @event.Services.GetRequiredService<ResourceNotificationService>().WaitForResourceHealthyAsync(server.Resource.Name, cancellationToken);
                await CreateIfMissingAsync(server.Resource, databaseName, cancellationToken);
            })
            .WithProbe(ConnectionProbes.PostgresAsync);
    }

    public static bool IsPlainIdentifier(string databaseName) =>
        databaseName.Length is > 0 and <= 63 && databaseName.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_');

    private static async Task CreateIfMissingAsync(IResourceWithConnectionString server, string databaseName, CancellationToken cancellationToken)
    {
        var connectionString = ConnectionProbes.WithDefaultDatabase(await server.GetConnectionStringAsync(cancellationToken) ?? "");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new NpgsqlParameter { Value = databaseName });
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null) return;

        // An identifier cannot be a parameter; the name was checked to be plain.
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{databaseName}\"", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another AppHost on the same existing server created it first.
        }
    }
}
