using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Npgsql;
using Platform.Testing;
using Platform.Contracts.Education.V1;
using Platform.Contracts.Identity;
using Platform.Contracts.Records.V1;
using Grpc.Core;
using Platform.SyntheticData;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The outbox relay is killed (kill -9 of the whole service) in the middle of publishing: the broker is frozen
/// (SIGSTOP) so the relay has sent its batch but no confirm has come back. After the broker resumes and the
/// service restarts, every record reaches the Gateway's profile exactly once.
/// </summary>
[Collection(CrashPlatformCollection.Name)]
public sealed class RelayCrashTests(DisposablePlatformFixture platform)
{
    [Fact]
    public async Task A_relay_killed_mid_batch_loses_nothing_and_the_profile_counts_every_record_once()
    {
        var prefix = $"crash-{Guid.NewGuid():N}";
        var records = Enumerable.Range(0, 2_000).Select(i => Enrolment($"{prefix}-{i}", TestIins.Valid("1503155", i))).ToList();
        var broker = platform.Platform.ProcessIdOf("messaging");

        Signal("STOP", broker);
        long pendingWhenKilled;
        try
        {
            using var channel = platform.App.CreateGrpcChannel("education", "education-national");
            var client = new EducationRecords.EducationRecordsClient(channel);
            var bulk = await BulkLoad.SubmitAsync(client.BulkSubmit, records[..1_500]);
            Assert.Equal(1_500, bulk.Accepted);
            foreach (var record in records[1_500..]) await client.SubmitAsync(record);
            // The relay has read the rows and is waiting for confirms that cannot come.
            await Task.Delay(TimeSpan.FromSeconds(2));
            pendingWhenKilled = await PendingOutboxAsync();
            Process.GetProcessById(platform.Platform.ProcessIdOf("education")).Kill();
            await platform.Platform.WaitForStateAsync("education", TimeSpan.FromSeconds(30), KnownResourceStates.Exited, KnownResourceStates.Finished);
        }
        finally
        {
            Signal("CONT", broker);
        }
        Assert.Equal(15 + 500, pendingWhenKilled);

        using var restart = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await platform.Platform.RestartAsync("education", restart.Token);
        await platform.App.ResourceNotifications.WaitForResourceHealthyAsync("education", restart.Token);
        await WaitUntilAsync(async () => await PendingOutboxAsync() == 0, "the restarted relay to empty the outbox");
        await WaitUntilAsync(async () => await GatewayCountAsync("child_records", prefix) == records.Count, "every record in the profile");

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(records.Count, await GatewayCountAsync("child_records", prefix));
        Assert.Equal(records.Count, await GatewayCountAsync("timeline", prefix));
    }

    private static void Signal(string signal, int processId)
    {
        // The broker's Erlang VM, which the hosting integration runs as DCP's own child.
        using var kill = Process.Start("kill", ["-" + signal, processId.ToString()]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }


    private static EducationRecord Enrolment(string id, string iin) => new()
    {
        Header = new RecordHeader
        {
            SourceRecordId = id, Version = 1, Iin = iin, Kato = "751110000", OrganizationId = "school-17",
            OccurredAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 9, 1, 9, 0, 0, TimeSpan.Zero)),
        },
        Enrolment = new Enrolment { OrganizationType = OrganizationType.School, Form = EducationForm.General, Grade = 5, StartDate = "2026-09-01" },
    };

    private async Task<long> PendingOutboxAsync() =>
        await ScalarAsync("education-db", "SELECT count(*) FROM platform.outbox_messages WHERE sent_at IS NULL", null);

    private Task<long> GatewayCountAsync(string table, string prefix) =>
        ScalarAsync("gateway-db", $"SELECT count(*) FROM gateway.{table} WHERE record_id LIKE $1", prefix + "-%");

    private async Task<long> ScalarAsync(string database, string sql, string? parameter)
    {
        await using var connection = new NpgsqlConnection(await platform.Platform.ConnectionStringAsync(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null) command.Parameters.Add(new() { Value = parameter });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Waited 2 minutes for {what}.");
            await Task.Delay(250);
        }
    }
}
