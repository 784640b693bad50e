using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Platform.Audit;
using Platform.Contracts.Identity;
using Platform.Contracts.IntegrationEvents;
using Platform.Contracts.Territory;
using Platform.Gateway.Cases;
using Platform.Gateway.Profiles;
using Platform.GrpcApi;

namespace Platform.Gateway.Tests.Cases;

public sealed class CaseStoreTests
{
    private static readonly Iin Child = Iin.Parse("150315501231");
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly Kato Almaty = Kato.Parse("751110000");

    private static CaseActor Secretary(Kato commission) =>
        new(new AuditActor("secretary.almaty", AuditActorKind.StaffUser, "commission_secretary", commission.Value), commission, "127.0.0.1");

    /// <summary>A Gateway database whose profile holds the child, in Almaty, with an open "violence-suspected" signal.</summary>
    private static async Task<(NpgsqlDataSource Data, CaseStore Store, FakeTimeProvider Clock)> ArrangeAsync()
    {
        var dataSource = await ProfileProjectionTests.NewGatewayDatabaseAsync();
        var clock = new FakeTimeProvider(Now);
        await new ProfileProjection(dataSource, clock).ApplyAsync(
            [ProfileProjectionTests.Event(new InjuryRecorded { Icd10 = "T74.1", SuspectedAbuse = true }, SourceAgencies.Health, "med-1", 1)],
            CancellationToken.None);
        return (dataSource, new CaseStore(dataSource, new AuditTrail(dataSource, clock), clock), clock);
    }

    [Fact]
    public async Task A_case_opened_on_a_signal_keeps_its_evidence_gets_the_next_number_and_is_audited()
    {
        var (data, store, _) = await ArrangeAsync();
        await using var _ = data;

        var opened = await store.OpenAsync(Child, ["violence-suspected"], null, "member.almaty", Secretary(Almaty), CancellationToken.None);

        Assert.Equal("1/2026", opened.Number.ToString());
        Assert.Equal(CaseStatus.Open, opened.Status);
        var ground = Assert.Single(opened.Grounds.Signals);
        Assert.Equal("violence-suspected", ground.Code);
        Assert.NotEmpty(ground.Evidence);
        var stored = await store.GetAsync(opened.Id, Secretary(Almaty), CancellationToken.None);
        Assert.Equal(opened with { OpenedAt = stored!.OpenedAt, UpdatedAt = stored.UpdatedAt, Grounds = stored.Grounds }, stored);
        Assert.Equal(ground.Evidence, stored.Grounds.Signals.Single().Evidence);
        Assert.Equal("opened", Assert.Single(await store.TimelineAsync(opened.Id, CancellationToken.None)).Kind);
        var accessors = await new AuditQueries(data).AccessorsOfChildAsync(Child.Value, CancellationToken.None);
        Assert.Contains(accessors, accessor => accessor.Actor.Id == "secretary.almaty");
    }

    [Fact]
    public async Task A_second_open_case_for_the_same_child_an_unknown_signal_and_a_child_elsewhere_are_refused()
    {
        var (data, store, _) = await ArrangeAsync();
        await using var _ = data;
        var first = await store.OpenAsync(Child, [], "Сообщение школы", null, Secretary(Almaty), CancellationToken.None);

        var twice = await Assert.ThrowsAsync<CaseRefusedException>(() =>
            store.OpenAsync(Child, ["violence-suspected"], null, null, Secretary(Almaty), CancellationToken.None));
        Assert.Contains($"open case {first.Number}", twice.Message);

        await store.ChangeStatusAsync(first.Id, 1, CaseStatus.Closed, "Ошибочно открыто", Secretary(Almaty), CancellationToken.None);
        await Assert.ThrowsAsync<CaseRefusedException>(() =>
            store.OpenAsync(Child, ["suicide-attempt-or-self-harm"], null, null, Secretary(Almaty), CancellationToken.None));
        await Assert.ThrowsAsync<CaseRefusedException>(() => store.OpenAsync(Child, [], " ", null, Secretary(Almaty), CancellationToken.None));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            store.OpenAsync(Child, ["violence-suspected"], null, null, Secretary(Kato.Parse("711210000")), CancellationToken.None));

        // After the first was closed a new one may be opened, and it takes the next number.
        var second = await store.OpenAsync(Child, ["violence-suspected"], null, null, Secretary(Almaty), CancellationToken.None);
        Assert.Equal("2/2026", second.Number.ToString());
    }

    [Fact]
    public async Task Status_changes_follow_the_transitions_refuse_a_stale_form_and_are_kept_on_the_timeline()
    {
        var (data, store, clock) = await ArrangeAsync();
        await using var _ = data;
        var opened = await store.OpenAsync(Child, ["violence-suspected"], null, null, Secretary(Almaty), CancellationToken.None);

        clock.Advance(TimeSpan.FromHours(1));
        var review = await store.ChangeStatusAsync(opened.Id, opened.Version, CaseStatus.UnderReview, null, Secretary(Almaty), CancellationToken.None);
        Assert.Equal(2, review.Version);
        // The same form posted again: nothing changes.
        var again = await store.ChangeStatusAsync(opened.Id, opened.Version, CaseStatus.UnderReview, null, Secretary(Almaty), CancellationToken.None);
        Assert.Equal((CaseStatus.UnderReview, 2), (again.Status, again.Version));
        // A form made from the first version asks for something else: refused, the case changed meanwhile.
        var stale = await Assert.ThrowsAsync<CaseRefusedException>(() =>
            store.ChangeStatusAsync(opened.Id, opened.Version, CaseStatus.Closed, "Семья переехала", Secretary(Almaty), CancellationToken.None));
        Assert.Contains("changed since the form was opened", stale.Message);
        await Assert.ThrowsAsync<CaseRefusedException>(() =>
            store.ChangeStatusAsync(opened.Id, review.Version, CaseStatus.Monitoring, null, Secretary(Almaty), CancellationToken.None));
        await Assert.ThrowsAsync<CaseNotFoundException>(() =>
            store.ChangeStatusAsync(opened.Id, review.Version, CaseStatus.PlanAdopted, null, Secretary(Kato.Parse("711210000")), CancellationToken.None));

        await store.AddNoteAsync(opened.Id, "Беседа с классным руководителем", Secretary(Almaty), CancellationToken.None);
        var timeline = await store.TimelineAsync(opened.Id, CancellationToken.None);
        Assert.Equal(["opened", "status", "note"], timeline.Select(entry => entry.Kind));
        Assert.Equal("under_review", timeline[1].Details["to"]);
        Assert.Equal("Беседа с классным руководителем", timeline[2].Details["text"]);
        Assert.Null(await store.GetAsync(opened.Id, Secretary(Kato.Parse("711210000")), CancellationToken.None));
    }
}
