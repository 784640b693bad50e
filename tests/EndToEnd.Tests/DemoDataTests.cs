using Npgsql;
using Platform.AppHost.Hosting.Orchestration;

namespace Platform.EndToEnd.Tests;

/// <summary>The development start loads synthetic children through the agencies' gRPC APIs; a second load adds nothing.</summary>
[Collection(SharedPlatformCollection.Name)]
public sealed class DemoDataTests(PlatformFixture platform)
{
    private async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(platform.App.GetConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    // Synthetic record ids start with the agency's short name; other tests use ids of their own.
    private static readonly Dictionary<string, string> DemoPrefixes = new() { ["education"] = "edu-", ["health"] = "med-", ["social"] = "soc-" };

    private Task<long> DemoRecordsAsync(string agency, string what = "*") =>
        CountAsync($"{agency}-db", $"SELECT count({what}) FROM platform.records WHERE source_record_id LIKE '{DemoPrefixes[agency]}%'");

    private async Task<ResourceSnapshot> WaitUntilFinishedAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await platform.App.ResourceNotifications.WaitForAsync("demo-data", s => s.State is ResourceState.Finished or ResourceState.Exited, timeout.Token);
    }

    [Fact]
    public async Task Demo_children_reach_every_agency_and_the_profile_and_a_rerun_adds_nothing()
    {
        var finished = await WaitUntilFinishedAsync();
        Assert.True(finished.State == ResourceState.Finished, finished.Message);
        var counts = new Dictionary<string, long>();
        foreach (var agency in DemoPrefixes.Keys) counts[agency] = await DemoRecordsAsync(agency);
        Assert.All(counts.Values, count => Assert.True(count > 0));
        Assert.True(counts["education"] > PlatformFixture.DemoChildren / 2, $"only {counts["education"]} education records");

        var enrolledChildren = await DemoRecordsAsync("education", "DISTINCT iin");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await CountAsync("gateway-db", "SELECT count(DISTINCT iin) FROM gateway.child_records WHERE record_id LIKE 'edu-%'") < enrolledChildren)
        {
            Assert.True(DateTime.UtcNow < deadline, "the demo children never reached the integrated profile");
            await Task.Delay(500);
        }

        await platform.App.RestartResourceAsync("demo-data");
        Assert.Equal(ResourceState.Finished, (await WaitUntilFinishedAsync()).State);
        foreach (var agency in counts.Keys) Assert.Equal(counts[agency], await DemoRecordsAsync(agency));
        var output = string.Join("\n", platform.App.ResourceLogs.For("demo-data").LastLines(40));
        Assert.Contains($"education: {counts["education"]:N0} records", output);
        Assert.Contains($"— 0 new, {counts["education"]:N0} already there, 0 rejected", output);
    }
}
