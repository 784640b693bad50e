using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.Audit;
using Platform.Database;
using static Platform.SharedKernels.Tests.AuditTestDatabase;

namespace Platform.SharedKernels.Tests;

/// <summary>Appending to the audit trail and the supervisors' queries, against the real private PostgreSQL.</summary>
public sealed class AuditTrailTests
{
    private static async Task<List<long>> SequencesAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT seq FROM platform.audit_log ORDER BY seq");
        await using var reader = await command.ExecuteReaderAsync();
        var sequences = new List<long>();
        while (await reader.ReadAsync()) sequences.Add(reader.GetInt64(0));
        return sequences;
    }

    [Fact]
    public async Task Parallel_writers_build_one_valid_chain_without_gaps()
    {
        await using var dataSource = await CreateAsync();
        var trail = new AuditTrail(dataSource, TimeProvider.System);

        await Task.WhenAll(Enumerable.Range(1, 8).Select(writer => Task.Run(() =>
            AppendAsync(trail, 50, i => Entry(actorId: $"staff-{writer}", purpose: $"writer {writer} entry {i}")))));

        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), await SequencesAsync(dataSource));
        Assert.Equal(new AuditChainVerification(400, null), await new AuditChainVerifier(dataSource).VerifyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_reads_appends_are_grouped_into_shared_commits_each_caller_getting_its_own_rows()
    {
        await using var dataSource = await CreateAsync();
        var trail = new AuditTrail(dataSource, TimeProvider.System);

        var appended = await Task.WhenAll(Enumerable.Range(1, 200).Select(i =>
            trail.AppendAsync([Entry(actorId: $"reader-{i}", purpose: "grouping")], CancellationToken.None)));

        Assert.All(appended.Select((rows, i) => (rows, i)), pair => Assert.Equal($"reader-{pair.i + 1}", Assert.Single(pair.rows).Actor.Id));
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), appended.Select(rows => rows[0].Sequence).Order());
        // One commit time per group: far fewer than 200 when the appends really were grouped.
        Assert.True(appended.Select(rows => rows[0].OccurredAt).Distinct().Count() < 100);
        Assert.Equal(new AuditChainVerification(200, null), await new AuditChainVerifier(dataSource).VerifyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_rolled_back_append_leaves_no_gap_and_a_committed_one_commits_with_the_change()
    {
        await using var dataSource = await CreateAsync();
        var trail = new AuditTrail(dataSource, TimeProvider.System);
        await using var connection = await dataSource.OpenConnectionAsync();

        await using (var rolledBack = await connection.BeginTransactionAsync())
        {
            await trail.AppendAsync(connection, rolledBack, [Entry(action: AuditAction.Write), Entry(action: AuditAction.Write)], CancellationToken.None);
            await rolledBack.RollbackAsync();
        }
        await using (var committed = await connection.BeginTransactionAsync())
        {
            await using var change = new NpgsqlCommand("CREATE TABLE child_notes (note text); INSERT INTO child_notes VALUES ('visited')", connection, committed);
            await change.ExecuteNonQueryAsync();
            var rows = await trail.AppendAsync(connection, committed, [Entry(action: AuditAction.Write)], CancellationToken.None);
            Assert.Equal(1, Assert.Single(rows).Sequence);
            await committed.CommitAsync();
        }

        Assert.Equal([1L], await SequencesAsync(dataSource));
        Assert.True((await new AuditChainVerifier(dataSource).VerifyAsync(CancellationToken.None)).IsIntact);
    }

    [Theory]
    [InlineData("UPDATE platform.audit_log SET purpose = 'curiosity'", "platform.audit_log is append-only: UPDATE is refused")]
    [InlineData("DELETE FROM platform.audit_log WHERE seq = 1", "platform.audit_log is append-only: DELETE is refused")]
    [InlineData("TRUNCATE platform.audit_log", "platform.audit_log is append-only: TRUNCATE is refused")]
    [InlineData("DELETE FROM platform.audit_chain_head", "platform.audit_chain_head cannot be removed: DELETE is refused")]
    [InlineData("TRUNCATE platform.audit_chain_head", "platform.audit_chain_head cannot be removed: TRUNCATE is refused")]
    [InlineData("UPDATE platform.audit_chain_head SET last_seq = 1", "platform.audit_chain_head only moves forward (from 2 to 1 is refused)")]
    public async Task The_database_refuses_to_rewrite_history(string sql, string refusal)
    {
        await using var dataSource = await CreateAsync();
        await AppendAsync(new AuditTrail(dataSource, TimeProvider.System), 2);

        await using var command = dataSource.CreateCommand(sql);
        var exception = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(refusal, exception.MessageText);
        Assert.Equal([1L, 2L], await SequencesAsync(dataSource));
    }

    [Fact]
    public async Task Stored_rows_read_back_exactly_as_appended()
    {
        await using var dataSource = await CreateAsync();
        var trail = new AuditTrail(dataSource, TimeProvider.System);
        using var activity = new Activity("audited request").SetIdFormat(ActivityIdFormat.W3C).Start();

        var appended = Assert.Single(await trail.AppendAsync([Entry()], CancellationToken.None));
        var stored = Assert.Single(await new AuditQueries(dataSource).AccessesToChildAsync(ChildIin, 10, null, CancellationToken.None));

        Assert.Equal(activity.TraceId.ToHexString(), appended.TraceId);
        Assert.Equal(0, appended.OccurredAt.Ticks % TimeSpan.TicksPerMicrosecond);
        Assert.Equal(AuditRowHash.Genesis.ToArray(), appended.PreviousHash);
        Assert.Equal(appended with { Sections = [], PreviousHash = [], RowHash = [] }, stored with { Sections = [], PreviousHash = [], RowHash = [] });
        Assert.Equal(appended.Sections, stored.Sections);
        Assert.Equal(appended.RowHash, stored.RowHash);
    }

    [Fact]
    public async Task Supervisors_see_who_accessed_a_child_newest_first_page_by_page()
    {
        await using var dataSource = await CreateAsync();
        var trail = new AuditTrail(dataSource, TimeProvider.System);
        await AppendAsync(trail, 12, i => Entry(subjectIin: i % 3 == 0 ? OtherChildIin : ChildIin, actorId: $"staff-{i}"));
        await trail.AppendAsync([Entry(subjectIin: null, action: AuditAction.Search)], CancellationToken.None);
        var queries = new AuditQueries(dataSource);

        var firstPage = await queries.AccessesToChildAsync(ChildIin, 5, null, CancellationToken.None);
        var secondPage = await queries.AccessesToChildAsync(ChildIin, 5, firstPage[^1].Sequence, CancellationToken.None);
        var lastPage = await queries.AccessesToChildAsync(ChildIin, 5, secondPage[^1].Sequence, CancellationToken.None);

        Assert.Equal(["staff-11", "staff-10", "staff-8", "staff-7", "staff-5"], firstPage.Select(row => row.Actor.Id));
        Assert.Equal(["staff-4", "staff-2", "staff-1"], secondPage.Select(row => row.Actor.Id));
        Assert.Empty(lastPage);
        Assert.All(firstPage.Concat(secondPage), row => Assert.Equal(ChildIin, row.SubjectIin));
    }

    [Fact]
    public async Task Supervisors_see_each_accessor_of_a_child_summed_up_most_recent_first()
    {
        await using var dataSource = await CreateAsync();
        var trail = new AuditTrail(dataSource, TimeProvider.System);
        var rows = await AppendAsync(trail, 6, i => i switch
        {
            1 or 4 => Entry(actorId: "staff-a"),
            2 => Entry(actorId: "staff-b", breakGlassReason: "child in danger"),
            3 => Entry(actorId: "staff-c") with { Outcome = AuditOutcome.Denied },
            5 => Entry(actorId: "staff-d", subjectIin: OtherChildIin),
            _ => Entry(actorId: "staff-b"),
        });

        var accessors = await new AuditQueries(dataSource).AccessorsOfChildAsync(ChildIin, CancellationToken.None);

        Assert.Equal(
            [("staff-b", 2L, true, false), ("staff-a", 2L, false, false), ("staff-c", 1L, false, true)],
            accessors.Select(a => (a.Actor.Id, a.Accesses, a.EverBrokeTheGlass, a.EverDenied)));
        Assert.Equal((rows[0].OccurredAt, rows[3].OccurredAt), (accessors[1].FirstAccess, accessors[1].LastAccess));
    }

    [Fact]
    public async Task Break_glass_access_is_always_flagged_and_listed_for_review()
    {
        await using var dataSource = await CreateAsync();
        var trail = new AuditTrail(dataSource, TimeProvider.System);
        await AppendAsync(trail, 6, i => i switch
        {
            2 => Entry(actorId: "staff-2", breakGlassReason: "child reported in danger at night"),
            4 => Entry(actorId: "staff-4") with { Outcome = AuditOutcome.Denied, FlagForReview = true },
            5 => Entry(actorId: "staff-5", breakGlassReason: "hospital emergency"),
            _ => Entry(actorId: $"staff-{i}"),
        });

        var flagged = await new AuditQueries(dataSource).FlaggedForReviewAsync(10, null, CancellationToken.None);

        Assert.Equal(["staff-5", "staff-4", "staff-2"], flagged.Select(row => row.Actor.Id));
        Assert.All(flagged, row => Assert.True(row.FlaggedForReview));
        Assert.Equal([true, false, true], flagged.Select(row => row.BreakGlass));
        Assert.Equal(["hospital emergency", null, "child reported in danger at night"], flagged.Select(row => row.BreakGlassReason));
    }

    [Theory]
    [InlineData(" ", "case preparation", "Break-glass access needs a stated reason.")]
    [InlineData(null, " ", "An audit entry needs the purpose of the access.")]
    public async Task An_entry_without_a_reason_or_purpose_is_refused_and_nothing_is_written(string? breakGlassReason, string purpose, string refusal)
    {
        await using var dataSource = await CreateAsync();
        var trail = new AuditTrail(dataSource, TimeProvider.System);

        var exception = await Assert.ThrowsAsync<ArgumentException>(() =>
            trail.AppendAsync([Entry(), Entry(purpose: purpose, breakGlassReason: breakGlassReason)], CancellationToken.None));

        Assert.StartsWith(refusal, exception.Message);
        Assert.Empty(await SequencesAsync(dataSource));
    }

    [Fact]
    public async Task The_verify_command_exits_0_when_intact_and_1_naming_the_row_when_not()
    {
        // The data source's own ConnectionString hides the password.
        var connectionString = await CreateDatabaseAsync();
        await using var dataSource = await CreateAsync(connectionString);
        await AppendAsync(new AuditTrail(dataSource, TimeProvider.System), 3);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:audit-db"] = connectionString })
            .Build();

        Assert.False(AuditCommand.TryRun(["--urls", "http://127.0.0.1:0"], configuration, "audit-db", out _));

        var intactOutput = new StringWriter();
        Assert.True(AuditCommand.TryRun(["audit", "verify"], configuration, "audit-db", out var intactExit, intactOutput));
        await TamperAsync(dataSource, "DELETE FROM platform.audit_log WHERE seq = 2");
        var brokenOutput = new StringWriter();
        AuditCommand.TryRun(["audit", "verify"], configuration, "audit-db", out var brokenExit, brokenOutput);
        var missingOutput = new StringWriter();
        AuditCommand.TryRun(["audit", "verify"], new ConfigurationBuilder().Build(), "audit-db", out var missingExit, missingOutput);

        Assert.Equal((0, "The audit chain is intact: 3 rows verified."), (intactExit, intactOutput.ToString().Trim()));
        Assert.Equal((1, "The audit chain is broken: row 2 is missing (the chain goes from 1 to 3); rows verified before it: 1."),
            (brokenExit, brokenOutput.ToString().Trim()));
        Assert.Equal(2, missingExit);
        Assert.Contains("ConnectionStrings__audit-db", missingOutput.ToString());
    }

    [Fact]
    public async Task A_service_gets_the_audit_tables_and_services_from_its_platform_database()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Configuration = new ConfigurationManager() });
        builder.Configuration["ConnectionStrings:audit-db"] = await CreateDatabaseAsync();
        builder.AddPlatformDatabase("audit-db", typeof(AuditTrailTests).Assembly).AddPlatformAudit();
        using var host = builder.Build();
        await host.StartAsync();

        var trail = host.Services.GetRequiredService<AuditTrail>();
        await trail.AppendAsync([Entry()], CancellationToken.None);

        Assert.True((await host.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync(CancellationToken.None)).IsIntact);
        Assert.Single(await host.Services.GetRequiredService<AuditQueries>().AccessesToChildAsync(ChildIin, 10, null, CancellationToken.None));
        await host.StopAsync();
    }
}
