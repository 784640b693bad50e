using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Platform.Testing;
using Platform.Contracts.IntegrationEvents;
using Platform.Gateway.Profiles;
using Platform.Database;

namespace Platform.Gateway.Tests;

/// <summary>The profile projection against the real private PostgreSQL, each test in its own database.</summary>
public sealed class ProfileProjectionTests
{
    private const string Child = "150315501231";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    internal static async Task<NpgsqlDataSource> NewGatewayDatabaseAsync()
    {
        var dataSource = NpgsqlDataSource.Create(await (await SharedInfrastructure.GetAsync()).CreateDatabaseAsync());
        var migrations = SqlMigration.LoadEmbedded(typeof(DatabaseExtensions).Assembly, DatabaseExtensions.PlatformComponent)
            .Concat(SqlMigration.LoadEmbedded(typeof(ProfileProjection).Assembly, DatabaseExtensions.ServiceComponent)).ToList();
        await new SqlMigrator(migrations).ApplyAsync(dataSource, NullLogger.Instance, CancellationToken.None);
        return dataSource;
    }

    internal static T Event<T>(T recordEvent, string agency, string recordId, int version, string? lastName = null) where T : AgencyRecordEvent =>
        recordEvent with
        {
            EventId = Guid.NewGuid(), Iin = Child, SourceAgency = agency, RecordId = recordId, Version = version, Region = "751110000",
            OrganizationId = "org", OccurredAt = Now.AddDays(-5), RecordedAt = Now.AddMinutes(version), LastName = lastName,
        };

    private static DisabilityStatusRecorded Disability(int version = 1) => Event(new DisabilityStatusRecorded
    {
        Cause = "congenital", ValidFrom = new DateOnly(2025, 1, 1), HasRehabilitationProgramme = true,
    }, SourceAgencies.Social, "soc-1", version, "Абаев");

    private static EnrolmentRecorded Enrolment(int version, int grade) => Event(new EnrolmentRecorded
    {
        OrganizationType = "School", Form = "Inclusive", Grade = grade, StartDate = new DateOnly(2026, 9, 1),
    }, SourceAgencies.Education, "edu-1", version, "Абаева");

    private static InjuryRecorded Injury() => Event(new InjuryRecorded { Icd10 = "T74.1", SuspectedAbuse = true }, SourceAgencies.Health, "med-1", 1);

    private static async Task<ChildProfile> ProfileAfterAsync(IEnumerable<IReadOnlyList<AgencyRecordEvent>> deliveries)
    {
        await using var dataSource = await NewGatewayDatabaseAsync();
        var projection = new ProfileProjection(dataSource, new FakeTimeProvider(Now));
        foreach (var delivery in deliveries) await projection.ApplyAsync(delivery, CancellationToken.None);
        return (await new ProfileReader(dataSource).GetAsync(Child, CancellationToken.None))!;
    }

    /// <summary>What can be compared between runs: the records' versions, the open signals, the identity as reported.</summary>
    private static string Summary(ChildProfile profile) => string.Join(" | ",
        string.Join(",", profile.Records.Select(r => $"{r.Key}@{r.Event.Version}").Order()),
        string.Join(",", profile.Signals.Where(s => s.ClearedAt is null).Select(s => s.Code).Order()),
        string.Join(",", profile.Identity.Select(i => $"{i.SourceAgency}:{i.LastName}")));

    [Fact]
    public async Task Events_from_all_three_agencies_merge_into_one_profile()
    {
        var profile = await ProfileAfterAsync([[Disability()], [Enrolment(1, 4)], [Injury()]]);

        Assert.Equal(new DateOnly(2015, 3, 15), profile.BirthDate);
        Assert.Equal("Male", profile.Sex);
        Assert.Equal(["education/edu-1", "health/med-1", "social/soc-1"], profile.Records.Select(r => r.Key).Order());
        Assert.Equal(3, profile.Timeline.Count);
        // Agencies disagree on the surname: both are kept.
        Assert.Equal(["education:Абаева", "social:Абаев"], profile.Identity.Where(i => i.LastName is not null).Select(i => $"{i.SourceAgency}:{i.LastName}"));
        Assert.Contains(profile.Signals, s => s.Code == "violence-suspected" && s.Evidence.SequenceEqual(["health/med-1"]));
    }

    [Fact]
    public async Task Duplicated_and_reordered_deliveries_end_in_the_same_state_as_in_order_delivery()
    {
        var disability = Disability();
        var v1 = Enrolment(1, 4);
        var v2 = Enrolment(2, 5);
        var injury = Injury();
        var withdrawal = Event(new RecordWithdrawn { RecordKind = "InjuryRecorded", Reason = "entered in error" }, SourceAgencies.Health, "med-1", 1);

        var inOrder = await ProfileAfterAsync([[disability], [v1], [v2], [injury], [withdrawal]]);
        var shuffled = await ProfileAfterAsync([[withdrawal], [v2], [disability], [injury], [v1], [v2], [withdrawal], [disability, v1]]);

        Assert.Equal(Summary(inOrder), Summary(shuffled));
        Assert.Equal(2, inOrder.Records.Single(r => r.Key == "education/edu-1").Event.Version);
        Assert.DoesNotContain(inOrder.Records, r => r.Key == "health/med-1");
        Assert.Equal(5, shuffled.Timeline.Count);
    }

    [Fact]
    public async Task A_signal_is_raised_with_its_evidence_and_cleared_when_the_evidence_goes()
    {
        await using var dataSource = await NewGatewayDatabaseAsync();
        var projection = new ProfileProjection(dataSource, new FakeTimeProvider(Now));
        var reader = new ProfileReader(dataSource);

        await projection.ApplyAsync([Disability()], CancellationToken.None);
        var raised = (await reader.GetAsync(Child, CancellationToken.None))!.Signals;
        Assert.Equal(["disabled-school-age-not-enrolled", "disabled-without-support"], raised.Select(s => s.Code).Order());

        await projection.ApplyAsync([Enrolment(1, 4)], CancellationToken.None);
        var after = (await reader.GetAsync(Child, CancellationToken.None))!.Signals;
        var cleared = after.Single(s => s.Code == "disabled-school-age-not-enrolled");
        Assert.Equal(Now, cleared.ClearedAt);
        Assert.Null(after.Single(s => s.Code == "disabled-without-support").ClearedAt);
    }

    [Fact]
    public async Task A_redelivered_event_is_applied_once()
    {
        await using var dataSource = await NewGatewayDatabaseAsync();
        var projection = new ProfileProjection(dataSource, new FakeTimeProvider(Now));
        var injury = Injury();

        Assert.Equal(1, await projection.ApplyAsync([injury], CancellationToken.None));
        Assert.Equal(0, await projection.ApplyAsync([injury], CancellationToken.None));

        await using var changes = dataSource.CreateCommand("SELECT count(*) FROM gateway.profile_changes");
        Assert.Equal(1L, await changes.ExecuteScalarAsync());
    }
}
