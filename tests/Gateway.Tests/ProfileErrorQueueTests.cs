using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Contracts.IntegrationEvents;
using Platform.Gateway.Profiles;
using Platform.Gateway.Staff;
using Platform.Testing;
using static Platform.Gateway.Tests.StaffGateway;

namespace Platform.Gateway.Tests;

/// <summary>
/// An operator sees the events the profile could not take (after their retries, in gateway-profile_error, on the real
/// broker) and replays them once the cause is gone: here a real failure, a database constraint that refuses one
/// record until it is dropped.
/// </summary>
[Collection(GatewayOnSharedBroker.Name)]
public sealed class ProfileErrorQueueTests
{
    [Fact]
    public async Task An_operator_sees_failed_events_without_personal_data_and_replays_them_into_the_profile()
    {
        await using var gateway = await StartAsync();
        await gateway.CreateAccountAsync("operator.one", StaffRole.Operator);
        await gateway.CreateAccountAsync("analyst.one", StaffRole.ProjectOfficeAnalyst);
        var database = gateway.Services.GetRequiredService<NpgsqlDataSource>();
        await using (var block = database.CreateCommand(
            "ALTER TABLE gateway.child_records ADD CONSTRAINT test_refuses_blocked CHECK (record_id <> 'blocked-by-test')"))
            await block.ExecuteNonQueryAsync();

        var bus = gateway.Services.GetRequiredService<IBus>();
        var blocked = ProfileProjectionTests.Event(new InjuryRecorded { Icd10 = "S52.5", SuspectedAbuse = false }, SourceAgencies.Health, "blocked-by-test", 1);
        var poison = ProfileProjectionTests.Event(new InjuryRecorded { Icd10 = "S52.5", SuspectedAbuse = false }, SourceAgencies.Health, "poison-for-operator", 1) with { Iin = "not-an-iin" };
        await bus.Publish(blocked);
        await bus.Publish(poison);

        using var anonymous = gateway.Browser();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/operations/profile-errors")).StatusCode);
        using var analyst = gateway.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(analyst, "analyst.one")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/api/operations/profile-errors")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsync("/api/operations/profile-errors/replay", null)).StatusCode);

        using var operatorSession = gateway.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(operatorSession, "operator.one")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await operatorSession.GetAsync("/api/operations/profile-errors?limit=0")).StatusCode);
        var failed = await FailedAsync(operatorSession, "health/blocked-by-test", "health/poison-for-operator");
        var blockedMessage = failed["health/blocked-by-test"];
        Assert.Contains("test_refuses_blocked", blockedMessage.GetProperty("reason").GetString());
        Assert.Contains("IIN must be exactly 12 digits", failed["health/poison-for-operator"].GetProperty("reason").GetString());
        Assert.Equal("InjuryRecorded", blockedMessage.GetProperty("messageType").GetString());
        Assert.Equal(0, blockedMessage.GetProperty("replayCount").GetInt32());
        // Looking does not take them: they are still there, and still no child's IIN is shown.
        var listing = await operatorSession.GetStringAsync("/api/operations/profile-errors?limit=500");
        Assert.Contains("blocked-by-test", listing);
        Assert.DoesNotContain(blocked.Iin, listing);

        await using (var fix = database.CreateCommand("ALTER TABLE gateway.child_records DROP CONSTRAINT test_refuses_blocked"))
            await fix.ExecuteNonQueryAsync();
        var replay = await operatorSession.PostAsync($"/api/operations/profile-errors/replay?messageId={blockedMessage.GetProperty("messageId").GetString()}", null);
        Assert.Equal(1, (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());
        var reader = gateway.Services.GetRequiredService<ProfileReader>();
        var profile = await Eventually.Async(() => reader.GetAsync(blocked.Iin, CancellationToken.None), p => p?.Records.Any(r => r.Event.RecordId == "blocked-by-test") == true);
        Assert.Single(profile!.Records, r => r.Event.RecordId == "blocked-by-test");

        // The poison event fails again after a replay of everything, and comes back counted.
        var all = await operatorSession.PostAsync("/api/operations/profile-errors/replay", null);
        Assert.True((await all.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32() >= 1);
        await Eventually.Async(() => FailedAsync(operatorSession, "health/poison-for-operator"),
            f => f["health/poison-for-operator"].GetProperty("replayCount").GetInt32() == 1);
        var afterReplay = await FailedAsync(operatorSession, "health/poison-for-operator");
        Assert.DoesNotContain("health/blocked-by-test", afterReplay.Keys);
    }

    /// <summary>The failed messages by record, once every one of <paramref name="records"/> is in the error queue.</summary>
    private static Task<Dictionary<string, JsonElement>> FailedAsync(HttpClient operatorSession, params string[] records) =>
        Eventually.Async(async () =>
        {
            var contents = await operatorSession.GetFromJsonAsync<JsonElement>("/api/operations/profile-errors?limit=500");
            return contents.GetProperty("messages").EnumerateArray()
                .SelectMany(m => m.GetProperty("recordIds").EnumerateArray().Select(r => (Record: r.GetString()!, Message: m)))
                .GroupBy(x => x.Record).ToDictionary(g => g.Key, g => g.Last().Message);
        }, failed => records.All(failed.ContainsKey));
}
