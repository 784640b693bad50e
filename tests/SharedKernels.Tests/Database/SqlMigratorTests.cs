using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Testing;
using Platform.Database;

namespace Platform.SharedKernels.Tests;

/// <summary>Migrations against the real private PostgreSQL, each test in its own empty database.</summary>
public sealed class SqlMigratorTests
{
    private static readonly SqlMigration[] Migrations =
    [
        // Not idempotent on purpose: applying it twice would fail.
        SqlMigration.FromFile("service", "0001_create_children.sql", "SELECT pg_sleep(0.3); CREATE TABLE children (iin char(12) PRIMARY KEY);"),
        SqlMigration.FromFile("service", "0002_add_region.sql", "ALTER TABLE children ADD COLUMN region char(2) NOT NULL DEFAULT '75';"),
    ];

    [Fact]
    public async Task Instances_starting_together_apply_every_migration_exactly_once()
    {
        await using var dataSource = NpgsqlDataSource.Create(await (await SharedInfrastructure.GetAsync()).CreateDatabaseAsync());

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => new SqlMigrator(Migrations).ApplyAsync(dataSource, NullLogger.Instance, CancellationToken.None))));

        Assert.Equal(2, results.Sum(applied => applied.Count));
        await using var command = dataSource.CreateCommand("SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_migrations");
        Assert.Equal("1,2", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_second_start_applies_only_new_migrations()
    {
        await using var dataSource = NpgsqlDataSource.Create(await (await SharedInfrastructure.GetAsync()).CreateDatabaseAsync());
        await new SqlMigrator(Migrations[..1]).ApplyAsync(dataSource, NullLogger.Instance, CancellationToken.None);

        var applied = await new SqlMigrator(Migrations).ApplyAsync(dataSource, NullLogger.Instance, CancellationToken.None);

        Assert.Equal([2], applied.Select(m => m.Version));
    }

    [Fact]
    public async Task A_migration_edited_after_it_was_applied_stops_the_start()
    {
        await using var dataSource = NpgsqlDataSource.Create(await (await SharedInfrastructure.GetAsync()).CreateDatabaseAsync());
        await new SqlMigrator(Migrations).ApplyAsync(dataSource, NullLogger.Instance, CancellationToken.None);
        var edited = Migrations[1] with { Sql = "ALTER TABLE children ADD COLUMN region char(2);" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new SqlMigrator([Migrations[0], edited]).ApplyAsync(dataSource, NullLogger.Instance, CancellationToken.None));

        Assert.Equal("Migration service/2_add_region was changed after it was applied; add a new migration instead.", error.Message);
    }

    [Fact]
    public async Task A_failing_migration_leaves_nothing_half_applied()
    {
        await using var dataSource = NpgsqlDataSource.Create(await (await SharedInfrastructure.GetAsync()).CreateDatabaseAsync());
        var broken = SqlMigration.FromFile("service", "0002_broken.sql", "CREATE TABLE half (id int); SELECT * FROM no_such_table;");

        await Assert.ThrowsAsync<PostgresException>(() =>
            new SqlMigrator([Migrations[0], broken]).ApplyAsync(dataSource, NullLogger.Instance, CancellationToken.None));

        await using var command = dataSource.CreateCommand(
            "SELECT (SELECT count(*) FROM schema_migrations)::text || ',' || (to_regclass('half') IS NULL)::text");
        Assert.Equal("1,true", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Components_number_their_migrations_independently()
    {
        await using var dataSource = NpgsqlDataSource.Create(await (await SharedInfrastructure.GetAsync()).CreateDatabaseAsync());
        var platform = SqlMigration.FromFile("platform", "0001_create_outbox.sql", "CREATE TABLE outbox (id int);");

        var applied = await new SqlMigrator([platform, .. Migrations]).ApplyAsync(dataSource, NullLogger.Instance, CancellationToken.None);

        Assert.Equal(["platform/1", "service/1", "service/2"], applied.Select(m => $"{m.Component}/{m.Version}"));
    }

    [Theory]
    [InlineData("0001-create.sql")]
    [InlineData("create.sql")]
    [InlineData("0001_create.txt")]
    public void Migration_files_must_be_named_by_version(string fileName) =>
        Assert.Throws<InvalidOperationException>(() => SqlMigration.FromFile("service", fileName, "SELECT 1"));
}
