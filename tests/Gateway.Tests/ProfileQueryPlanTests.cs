using Npgsql;

namespace Platform.Gateway.Tests;

/// <summary>
/// Every lookup of a child's profile by IIN can use an index, with the parameter as Npgsql sends a string (text).
/// With sequential scans disabled, a plan that still scans means no index fits: at national scale, a full scan per read.
/// </summary>
public sealed class ProfileQueryPlanTests
{
    private const string Child = "150315501231";

    [Theory]
    [InlineData("SELECT birth_date, sex FROM gateway.children WHERE iin = $1")]
    [InlineData("SELECT * FROM gateway.reported_identity WHERE iin = $1 ORDER BY source_agency")]
    [InlineData("SELECT event FROM gateway.child_records WHERE iin = $1 AND NOT withdrawn")]
    [InlineData("SELECT code, evidence FROM gateway.signals WHERE iin = $1 ORDER BY raised_at, code")]
    [InlineData("SELECT event_id FROM gateway.timeline WHERE iin = $1 ORDER BY occurred_at, id")]
    [InlineData("SELECT iin FROM gateway.children WHERE iin > $1 ORDER BY iin LIMIT 50")]
    public async Task A_lookup_by_iin_uses_an_index(string query)
    {
        await using var dataSource = await ProfileProjectionTests.NewGatewayDatabaseAsync();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var noScans = new NpgsqlCommand("SET enable_seqscan = off", connection)) await noScans.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN " + query, connection) { Parameters = { new NpgsqlParameter { Value = Child } } };
        var plan = string.Join("\n", await ReadAllAsync(explain));

        Assert.DoesNotContain("Seq Scan", plan);
        Assert.Contains("Index", plan);
    }

    [Fact]
    public async Task The_projection_reads_many_childrens_records_through_the_index()
    {
        await using var dataSource = await ProfileProjectionTests.NewGatewayDatabaseAsync();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var noScans = new NpgsqlCommand("SET enable_seqscan = off", connection)) await noScans.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN SELECT iin, event FROM gateway.child_records WHERE iin = ANY($1) AND NOT withdrawn", connection)
        {
            Parameters = { new NpgsqlParameter { Value = new[] { Child, "160512600014" } } },
        };
        Assert.DoesNotContain("Seq Scan", string.Join("\n", await ReadAllAsync(explain)));
    }

    private static async Task<List<string>> ReadAllAsync(NpgsqlCommand command)
    {
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return lines;
    }
}
