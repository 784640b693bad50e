using System.Diagnostics;
using System.Net;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;
using NpgsqlTypes;
using Platform.Bench.Harness;
using Platform.Contracts.Education.V1;
using Platform.Contracts.Territory;
using Platform.SyntheticData;
using Platform.Testing;

namespace Platform.Bench.Workspace;

/// <summary>
/// The commission's workspace at national scale, on the whole platform started through the AppHost: the work queue,
/// the child's page and a case's page under 32 concurrent signed-in users, with the Gateway holding a million
/// children (5% with an open signal) and 100,000 cases with referrals and alerts; beside them the Gateway serving
/// its stylesheet (the same server, no data) as the baseline. Then the alert latency: an agency's Submit about a
/// child with an open case until the case shows the alert.
/// Options: --children N (default 1,000,000), --cases N (default 100,000), --seconds N (per page, default 15),
/// --alerts N (submits timed, default 200).
/// </summary>
public sealed class WorkspaceBenchmark : IBenchmark
{
    public string Name => "workspace";
    public string Description => "work queue, child's and case pages under 32 users with 1M children and 100k cases; agency submit → alert on the case";

    /// <summary>The development secretary's commission, where the synthetic population puts a twentieth of the families.</summary>
    private static readonly Kato Commission = Kato.Parse("711210000");
    private const int Users = 32;

    public async Task RunAsync(string[] args, BenchmarkReport report, CancellationToken cancellationToken)
    {
        var childCount = Options.Int(args, "--children", 1_000_000);
        var caseCount = Options.Int(args, "--cases", 100_000);
        var seconds = TimeSpan.FromSeconds(Options.Int(args, "--seconds", 15));
        var alertCount = Options.Int(args, "--alerts", 200);
        await using var platform = await BenchPlatform.StartAsync("bench-workspace");
        var app = platform.App;
        await using var gateway = NpgsqlDataSource.Create((await app.GetConnectionStringAsync("gateway-db", cancellationToken))!);

        var started = Stopwatch.GetTimestamp();
        var children = await GatewayTables.LoadChildrenAsync(gateway, childCount, Commission, cancellationToken);
        var cases = await LoadCasesAsync(gateway, children, caseCount, cancellationToken);
        var ours = cases.Where(c => c.Commission == Commission).ToList();
        report.Note($"{children.Count:N0} children ({children.Count(c => c.Kato == Commission):N0} in the commission's district {Commission}), " +
                    $"{children.Count / SignalEveryNth:N0} open signals, {cases.Count:N0} cases ({ours.Count:N0} of this commission, " +
                    $"{ours.Count(c => c.Open):N0} open) with a referral on every second and an unseen alert on every fifth, written straight into the " +
                    $"Gateway's tables in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s.");

        var users = await SignInUsersAsync(app, gateway, cancellationToken);
        var districtChildren = children.Where(c => c.Kato == Commission).Select(c => c.Iin.Value).ToList();
        await MeasurePagesAsync(report, "Gateway's stylesheet, no data (baseline)", users, seconds, _ => "/assets/staff.css", cancellationToken);
        await MeasurePagesAsync(report, "work queue page", users, seconds, _ => "/", cancellationToken);
        await MeasurePagesAsync(report, $"child's page (random of {districtChildren.Count:N0})", users, seconds,
            random => $"/children/{districtChildren[random.Next(districtChildren.Count)]}", cancellationToken);
        await MeasurePagesAsync(report, $"case page (random of {ours.Count:N0})", users, seconds,
            random => $"/cases/{ours[random.Next(ours.Count)].Id}", cancellationToken);
        await AlertLatencyAsync(report, app, gateway, alertCount, cancellationToken);
        report.NotePeakMemory(platform);
        foreach (var user in users) user.Dispose();
    }

    private const int SignalEveryNth = 20;

    private sealed record LoadedCase(Guid Id, Kato Commission, string Iin, bool Open);

    /// <summary>Cases spread over the children, numbered per district; a tenth closed, a referral on every second, an alert on every fifth.</summary>
    private static async Task<List<LoadedCase>> LoadCasesAsync(NpgsqlDataSource gateway, IReadOnlyList<SyntheticChild> children, int count,
        CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var step = Math.Max(1, children.Count / count);
        var cases = children.Where((_, index) => index % step == 0).Take(count)
            .Select((child, index) => new LoadedCase(Guid.CreateVersion7(), child.Kato, child.Iin.Value, index % 10 != 0)).ToList();
        string[] openStatuses = ["open", "under_review", "plan_adopted", "monitoring"];
        await using var connection = await gateway.OpenConnectionAsync(cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY gateway.signals (iin, code, evidence, raised_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var child in children.Where((_, index) => index % SignalEveryNth == 0))
                await copy.WriteRowAsync(cancellationToken, child.Iin.Value, "violence-suspected", new[] { $"education/direct-{child.Iin}" }, now);
            await copy.CompleteAsync(cancellationToken);
        }
        var numbers = new Dictionary<Kato, int>();
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY gateway.cases (case_id, commission, year, number, iin, status, responsible, grounds, opened_at, opened_by, version, updated_at)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken))
        {
            foreach (var (loaded, index) in cases.Select((c, i) => (c, i)))
            {
                var number = numbers[loaded.Commission] = numbers.GetValueOrDefault(loaded.Commission) + 1;
                await copy.StartRowAsync(cancellationToken);
                foreach (var value in new object[] { loaded.Id, loaded.Commission.Value, 2026, number, loaded.Iin,
                             loaded.Open ? openStatuses[index % openStatuses.Length] : "closed", "Член комиссии" })
                    await copy.WriteAsync(value, cancellationToken);
                await copy.WriteAsync("""{"signals":[],"reason":"benchmark"}""", NpgsqlDbType.Jsonb, cancellationToken);
                foreach (var value in new object[] { now, "benchmark", 1, now })
                    await copy.WriteAsync(value, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        await using (var counters = new NpgsqlCommand(
            "INSERT INTO gateway.case_numbers (commission, year, last_number) SELECT commission, 2026, max(number) FROM gateway.cases GROUP BY commission", connection))
            await counters.ExecuteNonQueryAsync(cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY gateway.case_referrals (referral_id, case_id, agency, task, due_on, issued_at, issued_by, state, kato, attention)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken))
        {
            foreach (var (loaded, index) in cases.Select((c, i) => (c, i)).Where(pair => pair.i % 2 == 0))
                await copy.WriteRowAsync(cancellationToken, Guid.CreateVersion7(), loaded.Id, "health", "Осмотр педиатра", new DateOnly(2026, 12, 20), now,
                    "benchmark", "issued", loaded.Commission.Value, index % 20 == 0 ? "overdue" : "none");
            await copy.CompleteAsync(cancellationToken);
        }
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY gateway.case_alerts (case_id, what, source_agency, record_kind, evidence, risk, occurred_at, created_at)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken))
        {
            foreach (var loaded in cases.Where((c, i) => i % 5 == 0 && c.Open))
                await copy.WriteRowAsync(cancellationToken, loaded.Id, "record", "education", "EnrolmentRecorded", new[] { $"education/direct-{loaded.Iin}" }, 2, now, now);
            await copy.CompleteAsync(cancellationToken);
        }
        await GatewayTables.AnalyzeAsync(connection, cancellationToken);
        return cases;
    }

    /// <summary>
    /// Thirty-two secretaries of the commission, each signed in with a session of their own (the pages' rate limit is
    /// per user): accounts made beside the development secretary's, with the same password hash.
    /// </summary>
    private static async Task<List<HttpClient>> SignInUsersAsync(DistributedApplication app, NpgsqlDataSource gateway, CancellationToken cancellationToken)
    {
        await using (var copies = gateway.CreateCommand("""
            INSERT INTO gateway.staff_accounts (id, user_name, display_name, role, commission_level, territory_kato, password_hash, security_stamp,
                                                created_at, updated_at, updated_by)
            SELECT gen_random_uuid(), 'bench.secretary.' || n, display_name || ' ' || n, role, commission_level, territory_kato, password_hash,
                   gen_random_uuid()::text, now(), now(), 'benchmark'
            FROM gateway.staff_accounts, generate_series(1, $1) AS n WHERE user_name = 'secretary.astana'
            """))
        {
            copies.Parameters.Add(new() { Value = Users });
            await copies.ExecuteNonQueryAsync(cancellationToken);
        }
        var users = new List<HttpClient>();
        for (var n = 1; n <= Users; n++) users.Add(await app.SignInStaffAsync($"bench.secretary.{n}"));
        return users;
    }

    private static async Task MeasurePagesAsync(BenchmarkReport report, string page, IReadOnlyList<HttpClient> users, TimeSpan duration,
        Func<Random, string> pathOf, CancellationToken cancellationToken)
    {
        var latencies = new LatencyRecorder();
        var failures = 0;
        var deadline = DateTime.UtcNow + duration;
        await Task.WhenAll(users.Select((user, index) => Task.Run(async () =>
        {
            var random = new Random(index);
            while (DateTime.UtcNow < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await user.GetAsync(pathOf(random), HttpCompletionOption.ResponseContentRead, cancellationToken);
                latencies.Record(Stopwatch.GetTimestamp() - started);
                if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref failures);
            }
        }, cancellationToken)));
        report.Add(new Measurement($"{page} ({Users} users)", latencies.Count, latencies.Count / duration.TotalSeconds,
            latencies.PercentileMilliseconds(50), latencies.PercentileMilliseconds(99)));
        if (failures > 0) report.Note($"{page}: {failures:N0} answers were not 200 OK.");
    }

    /// <summary>
    /// Children each with an open case; their education records submitted one by one by four agency systems at once,
    /// each timed from the Submit until the case holds the alert the record raised.
    /// </summary>
    private static async Task AlertLatencyAsync(BenchmarkReport report, DistributedApplication app, NpgsqlDataSource gateway, int count,
        CancellationToken cancellationToken)
    {
        var records = SyntheticRecords.Generate(count * 2, seed: 4242, new DateOnly(2026, 11, 1)).Select(c => c.Education.FirstOrDefault())
            .OfType<EducationRecord>().Take(count).ToList();
        var caseOf = new Dictionary<string, Guid>();
        await using (var connection = await gateway.OpenConnectionAsync(cancellationToken))
            foreach (var (record, index) in records.Select((r, i) => (r, i)))
            {
                var id = caseOf[record.Header.SourceRecordId] = Guid.CreateVersion7();
                await using var insert = new NpgsqlCommand("""
                    INSERT INTO gateway.cases (case_id, commission, year, number, iin, status, grounds, opened_at, opened_by, version, updated_at)
                    VALUES ($1, '790000000', 2025, $2, $3, 'open', '{"signals":[],"reason":"benchmark"}', now(), 'benchmark', 1, now())
                    """, connection);
                insert.Parameters.Add(new() { Value = id });
                insert.Parameters.Add(new() { Value = index + 1 });
                insert.Parameters.Add(new() { Value = record.Header.Iin });
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

        using var channel = app.CreateGrpcChannel("education", "education-national");
        var client = new EducationRecords.EducationRecordsClient(channel);
        var latencies = new LatencyRecorder();
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var i && i < records.Count)
            {
                var record = records[i];
                var submitted = Stopwatch.GetTimestamp();
                await client.SubmitAsync(record, cancellationToken: cancellationToken);
                while (!await HasAlertAsync(gateway, caseOf[record.Header.SourceRecordId], cancellationToken)) await Task.Delay(2, cancellationToken);
                latencies.Record(Stopwatch.GetTimestamp() - submitted);
            }
        }));
        report.Add(new Measurement("alert latency: agency Submit → alert on the open case (4 submitters)", latencies.Count,
            latencies.Count / Stopwatch.GetElapsedTime(started).TotalSeconds, latencies.PercentileMilliseconds(50), latencies.PercentileMilliseconds(99)));
    }

    private static async Task<bool> HasAlertAsync(NpgsqlDataSource gateway, Guid caseId, CancellationToken cancellationToken)
    {
        await using var command = gateway.CreateCommand("SELECT EXISTS (SELECT 1 FROM gateway.case_alerts WHERE case_id = $1)");
        command.Parameters.Add(new() { Value = caseId });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
