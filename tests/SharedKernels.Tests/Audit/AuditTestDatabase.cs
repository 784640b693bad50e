using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Testing;
using Platform.Audit;
using Platform.Database;

namespace Platform.SharedKernels.Tests;

/// <summary>A fresh database with the platform's migrations, sample entries, and an attacker's way around the triggers.</summary>
internal static class AuditTestDatabase
{
    public const string ChildIin = "150315501231";
    public const string OtherChildIin = "160101600018";

    public static async Task<string> CreateDatabaseAsync() => await (await SharedInfrastructure.GetAsync()).CreateDatabaseAsync();

    public static async Task<NpgsqlDataSource> CreateAsync(string? connectionString = null)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString ?? await CreateDatabaseAsync());
        var migrations = SqlMigration.LoadEmbedded(typeof(DatabaseExtensions).Assembly, DatabaseExtensions.PlatformComponent);
        await new SqlMigrator(migrations).ApplyAsync(dataSource, NullLogger.Instance, CancellationToken.None);
        return dataSource;
    }

    public static AuditEntry Entry(
        string? subjectIin = ChildIin, string actorId = "staff-1", string purpose = "case preparation",
        string? breakGlassReason = null, AuditAction action = AuditAction.Read) =>
        new(new AuditActor(actorId, AuditActorKind.StaffUser, "commission_secretary", "751110000"), action, subjectIin,
            ["health.screenings", "social.disability"], purpose, AuditOutcome.Allowed, "10.0.0.7", breakGlassReason);

    /// <summary>Appends <paramref name="count"/> entries one by one; returns them as stored.</summary>
    public static async Task<List<AuditLogRow>> AppendAsync(AuditTrail trail, int count, Func<int, AuditEntry>? entry = null)
    {
        var rows = new List<AuditLogRow>();
        for (var i = 1; i <= count; i++)
            rows.AddRange(await trail.AppendAsync([entry?.Invoke(i) ?? Entry(purpose: $"case preparation {i}")], CancellationToken.None));
        return rows;
    }

    /// <summary>Runs SQL the append-only triggers would refuse, as someone with DDL rights could.</summary>
    public static async Task TamperAsync(NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, transaction,
            "ALTER TABLE platform.audit_log DISABLE TRIGGER USER; ALTER TABLE platform.audit_chain_head DISABLE TRIGGER USER");
        await ExecuteAsync(connection, transaction, sql, parameters);
        await ExecuteAsync(connection, transaction,
            "ALTER TABLE platform.audit_log ENABLE TRIGGER USER; ALTER TABLE platform.audit_chain_head ENABLE TRIGGER USER");
        await transaction.CommitAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters) command.Parameters.Add(new() { Value = parameter });
        await command.ExecuteNonQueryAsync();
    }
}
