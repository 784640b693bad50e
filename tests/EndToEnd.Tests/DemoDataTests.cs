using Aspire.Hosting.ApplicationModel;
using Npgsql;

namespace Platform.EndToEnd.Tests;

/// <summary>The development start loads synthetic children through the agencies' gRPC APIs; a second load adds nothing.</summary>
[Collection(SharedPlatformCollection.Name)]
public sealed class DemoDataTests(PlatformFixture platform)
{
    private async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(await platform.Platform.ConnectionStringAsync(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    // Synthetic record ids start with the agency's short name; other tests use ids of their own.
    private static readonly Dictionary<string, string> DemoPrefixes = new() { ["education"] = "edu-", ["health"] = "med-", ["social"] = "soc-" };

    private Task<long> DemoRecordsAsync(string agency, string what = "*") =>
        CountAsync($"{agency}-db", $"SELECT count({what}) FROM platform.records WHERE source_record_id LIKE '{DemoPrefixes[agency]}%'");

    private Task<CustomResourceSnapshot> WaitUntilFinishedAsync() =>
        platform.Platform.WaitForStateAsync("demo-data", TimeSpan.FromMinutes(2), KnownResourceStates.Finished, KnownResourceStates.Exited);

    [Fact]
    public async Task Demo_children_reach_every_agency_and_the_profile_and_a_rerun_adds_nothing()
    {
        var finished = await WaitUntilFinishedAsync();
        Assert.Equal(0, finished.ExitCode);
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

        var firstLoad = await platform.Platform.ConsoleLogAsync("demo-data");
        await platform.Platform.RestartAsync("demo-data");
        using var rerun = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var second = await platform.App.ResourceNotifications.WaitForResourceAsync("demo-data",
            e => e.Snapshot.StartTimeStamp > finished.StartTimeStamp && e.Snapshot.State?.Text is "Finished" or "Exited", rerun.Token);
        Assert.Equal(0, second.Snapshot.ExitCode);
        foreach (var agency in counts.Keys) Assert.Equal(counts[agency], await DemoRecordsAsync(agency));
        var output = (await platform.Platform.ConsoleLogAsync("demo-data"))[firstLoad.Length..];
        Assert.Contains($"education: {counts["education"]:N0} records", output);
        Assert.Contains($"— 0 new, {counts["education"]:N0} already there, 0 rejected", output);
    }
}
