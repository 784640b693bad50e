using System.Diagnostics;
using Google.Protobuf;
using Npgsql;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Platform.Testing;
using Platform.Bench.Harness;
using Platform.Contracts.Education.V1;
using Platform.Contracts.Gateway.V1;
using Platform.Contracts.Health.V1;
using Platform.Contracts.IntegrationEvents;
using Platform.Contracts.Records.V1;
using Platform.Contracts.Social.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.SyntheticData;

namespace Platform.Bench.Profiles;

/// <summary>
/// The integrated profile end to end, on the whole platform started through the AppHost: sustained ingest (agency
/// gRPC bulk loads until every record is in the Gateway's profile), freshness (one agency Submit until the profile
/// shows it) at a steady background load, and GetProfile latency under concurrent load with a national-scale
/// Gateway database, beside the raw PostgreSQL point-query rate on the same table.
/// Options: --profiles N (children put straight into the Gateway's tables first, default 1,000,000),
/// --ingest N (children loaded through the agencies, default 20,000), --seconds N (per load phase, default 15).
/// </summary>
public sealed class ProfileBenchmark : IBenchmark
{
    public string Name => "profile";
    public string Description => "end-to-end ingest and freshness to the profile; GetProfile vs raw PostgreSQL with 1M children";

    private static readonly DateOnly AsOf = new(2026, 11, 1);

    public async Task RunAsync(string[] args, BenchmarkReport report, CancellationToken cancellationToken)
    {
        var profiles = Options.Int(args, "--profiles", 1_000_000);
        var ingest = Options.Int(args, "--ingest", 20_000);
        var seconds = Options.Int(args, "--seconds", 15);
        await using var platform = await BenchPlatform.StartAsync("bench-profile");
        var app = platform.App;
        await using var gateway = NpgsqlDataSource.Create((await app.GetConnectionStringAsync("gateway-db", cancellationToken))!);

        var loadStarted = Stopwatch.GetTimestamp();
        var loaded = (await GatewayTables.LoadChildrenAsync(gateway, profiles, focusDistrict: null, cancellationToken)).Select(c => c.Iin.Value).ToList();
        report.Note($"{loaded.Count:N0} children with an enrolment each written straight into the Gateway's tables (binary COPY) in " +
                    $"{Stopwatch.GetElapsedTime(loadStarted).TotalSeconds:F0} s, so reads run against a national-scale profile table.");

        await IngestAsync(report, app, gateway, ingest, cancellationToken);
        await FreshnessAsync(report, app, gateway, TimeSpan.FromSeconds(seconds), cancellationToken);
        await GetProfileAsync(report, app, loaded, TimeSpan.FromSeconds(seconds), cancellationToken);
        await RawPointQueriesAsync(report, gateway, loaded, TimeSpan.FromSeconds(seconds), cancellationToken);
        var getProfile = report.Rows.Single(r => r.Scenario.StartsWith("GetProfile"));
        var raw = report.Rows.Single(r => r.Scenario.StartsWith("raw PostgreSQL"));
        report.Note($"GetProfile runs at {getProfile.ThroughputPerSecond / raw.ThroughputPerSecond:P1} of the raw point-query rate " +
                    "(a profile is 5 queries in one round trip, gRPC over mutual TLS, the view policy and one grouped audit append per read; the benchmark client shares the 2 cores).");
        report.NotePeakMemory(platform);
    }

    private static async Task IngestAsync(BenchmarkReport report, DistributedApplication app, NpgsqlDataSource gateway, int children, CancellationToken cancellationToken)
    {
        var data = SyntheticRecords.Generate(children, seed: 42, AsOf).ToList();
        var before = await CountAsync(gateway, "SELECT count(*) FROM gateway.child_records", cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var replies = await Task.WhenAll(
            LoadAsync(app, "education", channel => new EducationRecords.EducationRecordsClient(channel).BulkSubmit, data.SelectMany(c => c.Education).ToList(), cancellationToken),
            LoadAsync(app, "health", channel => new HealthRecords.HealthRecordsClient(channel).BulkSubmit, data.SelectMany(c => c.Health).ToList(), cancellationToken),
            LoadAsync(app, "social", channel => new SocialRecords.SocialRecordsClient(channel).BulkSubmit, data.SelectMany(c => c.Social).ToList(), cancellationToken));
        var accepted = replies.Sum(r => r.Accepted);
        while (await CountAsync(gateway, "SELECT count(*) FROM gateway.child_records", cancellationToken) < before + accepted)
            await Task.Delay(100, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        report.Add(new Measurement("sustained ingest: agency gRPC bulk → Gateway profile", accepted, accepted / elapsed.TotalSeconds, double.NaN, double.NaN));
        report.Note($"ingest: {children:N0} children, {accepted:N0} records over three agencies' BulkSubmit at once, all in the profile after {elapsed.TotalSeconds:F1} s.");
    }

    private static async Task<BulkSubmitReply> LoadAsync<TRecord>(DistributedApplication app, string agency,
        Func<GrpcChannel, Func<CallOptions, AsyncClientStreamingCall<TRecord, BulkSubmitReply>>> bulkSubmit, List<TRecord> records,
        CancellationToken cancellationToken)
    {
        using var channel = app.CreateGrpcChannel(agency, $"{agency}-national");
        return await BulkLoad.SubmitAsync(bulkSubmit(channel), records, cancellationToken: cancellationToken);
    }

    /// <summary>Single Submits at a steady rate; each one timed until the Gateway's profile holds its version.</summary>
    private static async Task FreshnessAsync(BenchmarkReport report, DistributedApplication app, NpgsqlDataSource gateway, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var channel = app.CreateGrpcChannel("education", "education-national");
        var client = new EducationRecords.EducationRecordsClient(channel);
        var records = SyntheticRecords.Generate(20_000, seed: 77, AsOf).SelectMany(c => c.Education).ToList();
        foreach (var record in records) record.Header.SourceRecordId = "fresh-" + record.Header.SourceRecordId;
        var latencies = new LatencyRecorder();
        var deadline = DateTime.UtcNow + duration;
        var next = 0;
        // Four submitters one after another each: about as many submits per second as four systems sending records as they happen.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            while (DateTime.UtcNow < deadline && Interlocked.Increment(ref next) is var i && i < records.Count)
            {
                var record = records[i];
                var started = Stopwatch.GetTimestamp();
                await client.SubmitAsync(record, cancellationToken: cancellationToken);
                while (await CountAsync(gateway, $"SELECT count(*) FROM gateway.child_records WHERE source_agency = 'education' AND record_id = '{record.Header.SourceRecordId}'", cancellationToken) == 0)
                    await Task.Delay(2, cancellationToken);
                latencies.Record(Stopwatch.GetTimestamp() - started);
            }
        }));
        report.Add(new Measurement("freshness: agency Submit → profile updated (4 submitters)", latencies.Count,
            latencies.Count / duration.TotalSeconds, latencies.PercentileMilliseconds(50), latencies.PercentileMilliseconds(99)));
    }

    private static async Task GetProfileAsync(BenchmarkReport report, DistributedApplication app, List<string> iins, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var channel = app.CreateGrpcChannel("gateway", "health-national");
        var client = new ChildProfiles.ChildProfilesClient(channel);
        var latencies = await UnderLoadAsync(iins, duration, async iin =>
            await client.GetProfileAsync(new GetProfileRequest { Iin = iin, Purpose = "benchmark" }, cancellationToken: cancellationToken));
        report.Add(new Measurement($"GetProfile over gRPC (32 concurrent, random of {iins.Count:N0} children)", latencies.Count,
            latencies.Count / duration.TotalSeconds, latencies.PercentileMilliseconds(50), latencies.PercentileMilliseconds(99)));
    }

    private static async Task RawPointQueriesAsync(BenchmarkReport report, NpgsqlDataSource gateway, List<string> iins, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latencies = await UnderLoadAsync(iins, duration, async iin =>
        {
            await using var command = gateway.CreateCommand("SELECT birth_date, sex FROM gateway.children WHERE iin = $1");
            command.Parameters.Add(new() { Value = iin });
            await command.ExecuteScalarAsync(cancellationToken);
        });
        report.Add(new Measurement("raw PostgreSQL point query by IIN (32 concurrent, Npgsql)", latencies.Count,
            latencies.Count / duration.TotalSeconds, latencies.PercentileMilliseconds(50), latencies.PercentileMilliseconds(99)));
    }

    private static async Task<LatencyRecorder> UnderLoadAsync(List<string> iins, TimeSpan duration, Func<string, Task> operation)
    {
        var latencies = new LatencyRecorder();
        var deadline = DateTime.UtcNow + duration;
        await Task.WhenAll(Enumerable.Range(0, 32).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            while (DateTime.UtcNow < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(iins[random.Next(iins.Count)]);
                latencies.Record(Stopwatch.GetTimestamp() - started);
            }
        })));
        return latencies;
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
