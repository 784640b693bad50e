using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Testing;
using Platform.Contracts.IntegrationEvents;
using Platform.GrpcApi.Access;
using Platform.Audit;
using Platform.Database;
using Platform.AgencyServices.Records;

namespace Platform.AgencyServices.Tests;

/// <summary>Record versions and their outbox events, against the real private PostgreSQL.</summary>
public sealed class AgencyRecordStoreTests
{
    private static async Task<NpgsqlDataSource> NewDatabaseAsync()
    {
        var dataSource = NpgsqlDataSource.Create(await (await SharedInfrastructure.GetAsync()).CreateDatabaseAsync());
        var migrations = SqlMigration.LoadEmbedded(typeof(DatabaseExtensions).Assembly, DatabaseExtensions.PlatformComponent);
        await new SqlMigrator(migrations).ApplyAsync(dataSource, NullLogger.Instance, CancellationToken.None);
        return dataSource;
    }

    private static readonly AgencyAccess Access = TestAccess.National(Platform.Security.Agency.Education);

    private static AgencyRecordStore NewStore(NpgsqlDataSource dataSource) =>
        new(dataSource, new AuditTrail(dataSource, TimeProvider.System), TimeProvider.System);

    private static RecordSubmission Submission(string id, int version, string content = "grade 3", string? correction = null) =>
        new(id, version, "enrolment", "150315501231", "751110000", "school-17", DateTimeOffset.UtcNow.AddDays(-1),
            Encoding.UTF8.GetBytes(content), correction);

    private static Func<RecordedChange, AgencyRecordEvent> Event(RecordSubmission s) => change => new EnrolmentRecorded
    {
        EventId = change.EventId, Iin = s.Iin, SourceAgency = SourceAgencies.Education, RecordId = s.SourceRecordId,
        Version = s.Version, Region = s.Kato, OrganizationId = s.OrganizationId, OccurredAt = s.OccurredAt, RecordedAt = change.RecordedAt,
        OrganizationType = "School", Form = "General", Grade = 3, StartDate = new DateOnly(2026, 9, 1),
    };

    private static async Task<SubmitResult> SubmitAsync(AgencyRecordStore store, RecordSubmission submission) =>
        await store.SubmitAsync(submission, Event(submission), Access, CancellationToken.None);

    private static async Task<List<string>> OutboxTypesAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT message_type FROM platform.outbox_messages ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync();
        var types = new List<string>();
        while (await reader.ReadAsync()) types.Add(reader.GetString(0).Split(',')[0].Split('.')[^1]);
        return types;
    }

    [Fact]
    public async Task Submitting_creates_then_a_resubmit_of_the_same_version_changes_nothing()
    {
        await using var dataSource = await NewDatabaseAsync();
        var store = NewStore(dataSource);

        var created = await SubmitAsync(store, Submission("r1", 1));
        var again = await SubmitAsync(store, Submission("r1", 1));

        Assert.Equal(SubmitOutcome.Created, created.Outcome);
        Assert.NotNull(created.EventId);
        Assert.Equal(SubmitOutcome.Unchanged, again.Outcome);
        Assert.Null(again.EventId);
        Assert.Equal(["EnrolmentRecorded"], await OutboxTypesAsync(dataSource));
    }

    [Fact]
    public async Task Every_version_is_kept_and_the_newest_is_current()
    {
        await using var dataSource = await NewDatabaseAsync();
        var store = NewStore(dataSource);

        await SubmitAsync(store, Submission("r1", 1, "grade 3"));
        var replaced = await SubmitAsync(store, Submission("r1", 2, "grade 4"));
        var corrected = await SubmitAsync(store, Submission("r1", 3, "grade 5", correction: "grade was mistyped"));

        Assert.Equal(SubmitOutcome.Replaced, replaced.Outcome);
        Assert.Equal(SubmitOutcome.Replaced, corrected.Outcome);
        var current = await store.GetAsync("r1", CancellationToken.None);
        Assert.Equal(3, current!.Version);
        Assert.Equal("grade 5", Encoding.UTF8.GetString(current.Payload));
        Assert.Equal("grade was mistyped", current.CorrectionReason);
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM platform.record_versions WHERE source_record_id = 'r1'");
        Assert.Equal(3L, await count.ExecuteScalarAsync());
        Assert.Equal(3, (await OutboxTypesAsync(dataSource)).Count);
    }

    [Theory]
    [InlineData(1, "other content", "already stored with other content")]
    [InlineData(1, "grade 4", "already stored with other content")]
    public async Task A_stale_or_conflicting_version_is_rejected_and_changes_nothing(int version, string content, string message)
    {
        await using var dataSource = await NewDatabaseAsync();
        var store = NewStore(dataSource);
        await SubmitAsync(store, Submission("r1", 1, "grade 3"));
        await SubmitAsync(store, Submission("r1", 2, "grade 4"));

        var conflict = await Assert.ThrowsAsync<RecordConflictException>(() => SubmitAsync(store, Submission("r1", version, content)));

        Assert.Contains(version == 1 ? "older than the stored version 2" : message, conflict.Message);
        Assert.Equal(2, (await store.GetAsync("r1", CancellationToken.None))!.Version);
        Assert.Equal(2, (await OutboxTypesAsync(dataSource)).Count);
    }

    [Fact]
    public async Task A_correction_of_a_record_that_does_not_exist_is_rejected()
    {
        await using var dataSource = await NewDatabaseAsync();
        var store = NewStore(dataSource);

        await Assert.ThrowsAsync<RecordConflictException>(() => SubmitAsync(store, Submission("ghost", 1, correction: "fix")));

        Assert.Null(await store.GetAsync("ghost", CancellationToken.None));
        Assert.Empty(await OutboxTypesAsync(dataSource));
    }

    [Fact]
    public async Task Withdrawal_hides_the_record_from_lists_and_publishes_once()
    {
        await using var dataSource = await NewDatabaseAsync();
        var store = NewStore(dataSource);
        await SubmitAsync(store, Submission("r1", 1));
        static RecordWithdrawn Withdrawn(StoredRecordHeader h, RecordedChange c) => new()
        {
            EventId = c.EventId, Iin = h.Iin, SourceAgency = SourceAgencies.Education, RecordId = h.SourceRecordId, Version = h.Version,
            Region = h.Kato, OrganizationId = h.OrganizationId, OccurredAt = h.OccurredAt, RecordedAt = c.RecordedAt,
            RecordKind = h.Kind, Reason = "entered in error",
        };

        var result = await store.WithdrawAsync("r1", "entered in error", Withdrawn, Access, CancellationToken.None);
        await Assert.ThrowsAsync<RecordConflictException>(() => store.WithdrawAsync("r1", "again", Withdrawn, Access, CancellationToken.None));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => store.WithdrawAsync("nope", "x", Withdrawn, Access, CancellationToken.None));

        Assert.Equal(1, result.Version);
        Assert.Empty(await store.ListByIinAsync("150315501231", includeWithdrawn: false, CancellationToken.None));
        var withdrawn = Assert.Single(await store.ListByIinAsync("150315501231", includeWithdrawn: true, CancellationToken.None));
        Assert.True(withdrawn.Withdrawn);
        Assert.Equal("entered in error", withdrawn.WithdrawalReason);
        Assert.Equal(["EnrolmentRecorded", "RecordWithdrawn"], await OutboxTypesAsync(dataSource));
    }

    [Fact]
    public async Task Concurrent_submits_of_one_new_record_create_it_once()
    {
        await using var dataSource = await NewDatabaseAsync();
        var store = NewStore(dataSource);

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => SubmitAsync(store, Submission("r1", 1)))));

        Assert.Single(results, r => r.Outcome == SubmitOutcome.Created);
        Assert.Equal(11, results.Count(r => r.Outcome == SubmitOutcome.Unchanged));
        Assert.Single(await OutboxTypesAsync(dataSource));
    }

    [Fact]
    public async Task A_bulk_load_keeps_the_good_records_answers_the_bad_and_batches_events()
    {
        await using var dataSource = await NewDatabaseAsync();
        var store = NewStore(dataSource);
        await SubmitAsync(store, Submission("existing", 2));
        var items = Enumerable.Range(0, 25).Select(i => Submission($"bulk-{i}", 1))
            .Append(Submission("existing", 1))
            .Select(s => (s, Event(s)))
            .ToList();

        var answers = await store.SubmitManyAsync(items, SourceAgencies.Education, eventsPerMessage: 10, Access, CancellationToken.None);

        Assert.Equal(25, answers.Count(a => a.Result?.Outcome == SubmitOutcome.Created));
        Assert.Contains("older than the stored version 2", answers[^1].Error);
        Assert.Equal(["EnrolmentRecorded", "AgencyRecordEventBatch", "AgencyRecordEventBatch", "AgencyRecordEventBatch"],
            await OutboxTypesAsync(dataSource));
        Assert.NotNull(await store.GetAsync("bulk-24", CancellationToken.None));
    }

    [Fact]
    public async Task Versions_of_one_record_within_a_bulk_chunk_are_decided_in_stream_order()
    {
        await using var dataSource = await NewDatabaseAsync();
        var store = NewStore(dataSource);
        var items = new[]
        {
            Submission("r1", 1), Submission("r1", 1), Submission("r1", 3, "grade 4"), Submission("r1", 2, "grade 3b"), Submission("r2", 1),
        }.Select(s => (s, Event(s))).ToList();

        var answers = await store.SubmitManyAsync(items, SourceAgencies.Education, eventsPerMessage: 100, Access, CancellationToken.None);

        Assert.Equal([SubmitOutcome.Created, SubmitOutcome.Unchanged, SubmitOutcome.Replaced, (SubmitOutcome?)null, SubmitOutcome.Created],
            answers.Select(a => a.Result?.Outcome));
        Assert.Contains("older than the stored version 3", answers[3].Error);
        var stored = await store.GetAsync("r1", CancellationToken.None);
        Assert.Equal((3, "grade 4"), (stored!.Version, Encoding.UTF8.GetString(stored.Payload)));
        await using var versions = dataSource.CreateCommand("SELECT array_agg(version ORDER BY version) FROM platform.record_versions WHERE source_record_id = 'r1'");
        var kept = (int[])(await versions.ExecuteScalarAsync())!;
        Assert.Equal(new[] { 1, 3 }, kept);
    }

    [Fact]
    public async Task Bulk_loads_sharing_records_in_opposite_orders_neither_deadlock_nor_duplicate()
    {
        await using var dataSource = await NewDatabaseAsync();
        var store = NewStore(dataSource);
        var ids = Enumerable.Range(0, 300).Select(i => $"shared-{i}").ToList();
        Task<IReadOnlyList<(SubmitResult? Result, string? Error)>> Load(IEnumerable<string> order) => Task.Run(() =>
            store.SubmitManyAsync(order.Select(id => Submission(id, 1)).Select(s => (s, Event(s))).ToList(),
                SourceAgencies.Education, eventsPerMessage: 100, Access, CancellationToken.None));

        var results = await Task.WhenAll(Load(ids), Load(Enumerable.Reverse(ids)), Load(ids.OrderBy(id => id.GetHashCode())));

        var outcomes = results.SelectMany(r => r).Select(a => a.Result!.Outcome).ToList();
        Assert.Equal(300, outcomes.Count(o => o == SubmitOutcome.Created));
        Assert.Equal(600, outcomes.Count(o => o == SubmitOutcome.Unchanged));
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM platform.record_versions");
        Assert.Equal(300L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Listing_a_childs_records_by_iin_uses_the_index_with_the_iin_as_npgsql_sends_it()
    {
        await using var dataSource = await NewDatabaseAsync();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var noScans = new NpgsqlCommand("SET enable_seqscan = off", connection)) await noScans.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN SELECT source_record_id FROM platform.records WHERE iin = $1", connection)
        {
            Parameters = { new NpgsqlParameter { Value = "150315501231" } },
        };
        var plan = new StringBuilder();
        await using (var reader = await explain.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.AppendLine(reader.GetString(0));

        // A char(12) column against a text parameter is cast, and no index fits: the plan would scan the table.
        Assert.DoesNotContain("Seq Scan", plan.ToString());
        Assert.Contains("records_by_iin", plan.ToString());
    }
}
