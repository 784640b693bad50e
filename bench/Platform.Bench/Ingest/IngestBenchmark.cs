using System.Diagnostics;
using Google.Protobuf;
using Npgsql;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Platform.Testing;
using Platform.Bench.Harness;
using Platform.Contracts.Education.V1;
using Platform.Contracts.Health.V1;
using Platform.Contracts.Records.V1;
using Platform.Contracts.Social.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.SyntheticData;
using RabbitMQ.Client;

namespace Platform.Bench.Ingest;

/// <summary>
/// The whole platform started through the AppHost's own code; synthetic records bulk-loaded over gRPC into each
/// agency service, timed until every event is confirmed by the broker (outbox empty); single submits' latency;
/// and, beside them, the raw rate of persistent publishes with confirms through RabbitMQ.Client on the same node.
/// Options: --children N (default 20000), --submits N (default 2000).
/// </summary>
public sealed class IngestBenchmark : IBenchmark
{
    public string Name => "ingest";
    public string Description => "bulk ingest per agency to broker-confirmed events, single-submit latency, raw RabbitMQ confirm rate";

    public async Task RunAsync(string[] args, BenchmarkReport report, CancellationToken cancellationToken)
    {
        var children = Options.Int(args, "--children", 20_000);
        var submits = Options.Int(args, "--submits", 2_000);
        await using var platform = await BenchPlatform.StartAsync("bench-ingest");
        var app = platform.App;

        var data = SyntheticRecords.Generate(children, seed: 42, DateOnly.FromDateTime(DateTime.UtcNow)).ToList();
        var loadsStarted = Stopwatch.GetTimestamp();
        var accepted = await BulkAsync(report, app, "education", channel => new EducationRecords.EducationRecordsClient(channel).BulkSubmit, data.SelectMany(c => c.Education).ToList(), cancellationToken)
            + await BulkAsync(report, app, "health", channel => new HealthRecords.HealthRecordsClient(channel).BulkSubmit, data.SelectMany(c => c.Health).ToList(), cancellationToken)
            + await BulkAsync(report, app, "social", channel => new SocialRecords.SocialRecordsClient(channel).BulkSubmit, data.SelectMany(c => c.Social).ToList(), cancellationToken);
        // The Gateway consumes the events meanwhile; what follows is measured once it has caught up, so it does not compete.
        await WaitForProfileRecordsAsync((await app.GetConnectionStringAsync("gateway-db", cancellationToken))!, accepted, cancellationToken);
        report.Note($"The Gateway's profile held all {accepted:N0} records {Stopwatch.GetElapsedTime(loadsStarted).TotalSeconds:F1} s after the first bulk load began; " +
                    "single submits and the raw broker rate were measured after that.");
        await SingleSubmitsAsync(report, app, submits, cancellationToken);
        await RawPublishAsync(report, (await app.GetConnectionStringAsync("messaging", cancellationToken))!, 20_000, cancellationToken);
        report.Note($"{children:N0} synthetic children; records flow gRPC BulkSubmit → PostgreSQL (every version + outbox row) → relay → RabbitMQ (confirmed).");
        report.Note("Bulk throughput counts records per second until the service's outbox is empty; events are batched 100 per message.");
        report.NotePeakMemory(platform);
    }

    private static async Task<int> BulkAsync<TRecord>(BenchmarkReport report, DistributedApplication app, string agency,
        Func<GrpcChannel, Func<CallOptions, AsyncClientStreamingCall<TRecord, BulkSubmitReply>>> bulkSubmit, List<TRecord> records,
        CancellationToken cancellationToken)
    {
        using var channel = app.CreateGrpcChannel(agency, $"{agency}-national");
        var started = Stopwatch.GetTimestamp();
        var reply = await BulkLoad.SubmitAsync(bulkSubmit(channel), records, cancellationToken: cancellationToken);
        var stored = Stopwatch.GetElapsedTime(started);
        await WaitForEmptyOutboxAsync((await app.GetConnectionStringAsync($"{agency}-db", cancellationToken))!, cancellationToken);
        var confirmed = Stopwatch.GetElapsedTime(started);
        report.Add(new Measurement($"bulk {agency}: gRPC stream → events confirmed", reply.Accepted, reply.Accepted / confirmed.TotalSeconds,
            double.NaN, double.NaN));
        report.Note($"{agency}: {reply.Accepted:N0} accepted, {reply.Rejected:N0} rejected; stored in {stored.TotalSeconds:F1} s, all events confirmed after {confirmed.TotalSeconds:F1} s.");
        return reply.Accepted;
    }

    private static async Task SingleSubmitsAsync(BenchmarkReport report, DistributedApplication app, int count, CancellationToken cancellationToken)
    {
        using var channel = app.CreateGrpcChannel("education", "education-national");
        var client = new EducationRecords.EducationRecordsClient(channel);
        var records = SyntheticRecords.Generate(count * 2, seed: 7, DateOnly.FromDateTime(DateTime.UtcNow))
            .SelectMany(c => c.Education).Take(count).ToList();
        foreach (var record in records) record.Header.SourceRecordId = "single-" + record.Header.SourceRecordId;
        var latencies = new LatencyRecorder();
        var started = Stopwatch.GetTimestamp();
        foreach (var record in records)
        {
            var before = Stopwatch.GetTimestamp();
            await client.SubmitAsync(record, cancellationToken: cancellationToken);
            latencies.Record(Stopwatch.GetTimestamp() - before);
        }
        report.Add(new Measurement("single Submit (one at a time, until stored with its outbox row)", records.Count,
            records.Count / Stopwatch.GetElapsedTime(started).TotalSeconds, latencies.PercentileMilliseconds(50), latencies.PercentileMilliseconds(99)));
    }

    private static async Task RawPublishAsync(BenchmarkReport report, string amqp, int count, CancellationToken cancellationToken)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(amqp) }.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        var queue = (await channel.QueueDeclareAsync($"bench-raw-{Guid.NewGuid():N}", durable: true, exclusive: false, autoDelete: true, cancellationToken: cancellationToken)).QueueName;
        var body = new byte[1000];
        var properties = new BasicProperties { Persistent = true };
        var started = Stopwatch.GetTimestamp();
        var inFlight = new List<Task>(256);
        for (var i = 0; i < count; i++)
        {
            inFlight.Add(channel.BasicPublishAsync("", queue, mandatory: false, properties, body, cancellationToken).AsTask());
            if (inFlight.Count == 256)
            {
                await Task.WhenAll(inFlight);
                inFlight.Clear();
            }
        }
        await Task.WhenAll(inFlight);
        report.Add(new Measurement("raw RabbitMQ.Client: persistent 1 KB publishes with confirms (256 in flight)", count,
            count / Stopwatch.GetElapsedTime(started).TotalSeconds, double.NaN, double.NaN));
    }

    private static Task WaitForEmptyOutboxAsync(string connectionString, CancellationToken cancellationToken) =>
        WaitForCountAsync(connectionString, "SELECT count(*) FROM platform.outbox_messages WHERE sent_at IS NULL", count => count == 0, cancellationToken);

    private static Task WaitForProfileRecordsAsync(string connectionString, int records, CancellationToken cancellationToken) =>
        WaitForCountAsync(connectionString, "SELECT count(*) FROM gateway.child_records", count => count >= records, cancellationToken);

    private static async Task WaitForCountAsync(string connectionString, string countSql, Func<long, bool> done, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var command = dataSource.CreateCommand(countSql);
            if (done((long)(await command.ExecuteScalarAsync(cancellationToken))!)) return;
            await Task.Delay(100, cancellationToken);
        }
    }
}
