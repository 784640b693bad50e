using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Contracts.IntegrationEvents;
using Platform.Contracts.Territory;
using Platform.Gateway.Profiles;
using Platform.Gateway.Staff;
using static Platform.Gateway.Tests.StaffGateway;

namespace Platform.Gateway.Tests.Sessions;

/// <summary>
/// A district commission's session as its secretary records it in the browser: composition, agenda, attendance and
/// quorum, a vote decided by the chair, measures for an agency and a member, the signed protocol, and who may do what.
/// </summary>
[Collection(GatewayOnSharedBroker.Name)]
public sealed class CommissionSessionPagesTests
{
    private const string Child = "150315501231";
    // Monday 9:00 in Astana.
    private static readonly DateTimeOffset MondayMorning = new(2026, 12, 7, 4, 0, 0, TimeSpan.Zero);
    private static readonly Guid Chair = Guid.NewGuid(), Pediatrician = Guid.NewGuid(), Inspector = Guid.NewGuid();

    [Fact]
    public async Task A_secretary_records_a_session_from_agenda_to_signed_protocol_and_its_measures_are_followed_up()
    {
        var clock = new FakeTimeProvider(MondayMorning);
        await using var gateway = await StartWithTwoCommissionsAsync(services => services.AddSingleton<TimeProvider>(clock));
        var (secretary, casePath) = await gateway.OpenAlmatyCaseOnInjuryAsync();
        await AddMemberAsync(secretary, Chair, "Жумабекова Айгуль", "chair");
        await AddMemberAsync(secretary, Pediatrician, "Садыкова Гульнара", "member");
        await AddMemberAsync(secretary, Inspector, "Нургалиев Асхат", "member");
        var caseId = casePath.Split('/')[^1];

        // Planned for 8:30 today and written up at 9:00; the same form posted twice plans one session.
        var sessionForm = Guid.NewGuid().ToString();
        var planned = await SubmitAsync(secretary, "/sessions", "/sessions", ("session", sessionForm), ("meetsAt", "2026-12-07T08:30"), ("place", "Акимат района"));
        Assert.Equal(HttpStatusCode.Redirect, planned.StatusCode);
        var sessionPath = planned.Headers.Location!.OriginalString;
        var again = await SubmitAsync(secretary, "/sessions", "/sessions", ("session", sessionForm), ("meetsAt", "2026-12-07T08:30"), ("place", "Акимат района"));
        Assert.Equal(sessionPath, again.Headers.Location!.OriginalString);
        Assert.Single(Regex.Matches(await PageAsync(secretary, "/sessions"), "<tr data-session="));

        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(secretary, sessionPath, $"{sessionPath}/agenda", ("version", "1"), ("case", caseId))).StatusCode);
        var twice = await SubmitAsync(secretary, sessionPath, $"{sessionPath}/agenda", ("version", "1"), ("case", caseId));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("изменилось", await twice.Content.ReadAsStringAsync());

        // One of three present: no quorum, and no decision can be recorded.
        await SubmitAsync(secretary, sessionPath, $"{sessionPath}/attendance", ("version", "2"), ("present", Chair.ToString()));
        Assert.Contains("data-quorum=\"not-met\"", await PageAsync(secretary, sessionPath));
        var withoutQuorum = await DecideAsync(secretary, sessionPath, caseId, version: 3, votesFor: 1, against: 0);
        Assert.Equal(HttpStatusCode.Conflict, withoutQuorum.StatusCode);
        Assert.Contains("Кворума нет", await withoutQuorum.Content.ReadAsStringAsync());

        await SubmitAsync(secretary, sessionPath, $"{sessionPath}/attendance", ("version", "3"), ("present", Chair.ToString()), ("present", Pediatrician.ToString()));
        var page = await PageAsync(secretary, sessionPath);
        Assert.Contains("data-quorum=\"met\"", page);
        Assert.Contains("присутствуют 2 из 3, необходимо 2", page);
        var tooManyVotes = await DecideAsync(secretary, sessionPath, caseId, version: 4, votesFor: 2, against: 1);
        Assert.Contains("Голосов больше, чем присутствующих", await tooManyVotes.Content.ReadAsStringAsync());
        // One for, one against: the chair's vote decides.
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(secretary, sessionPath, caseId, version: 4, votesFor: 1, against: 1, chairVotedFor: true)).StatusCode);
        Assert.Contains("data-decided=\"adopted\"", await PageAsync(secretary, sessionPath));

        var toHealth = Guid.NewGuid().ToString();
        for (var post = 0; post < 2; post++)
            Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(secretary, sessionPath, $"{sessionPath}/agenda/{caseId}/measures",
                ("measure", toHealth), ("executor", "agency:health"), ("task", "Осмотр педиатра"), ("dueOn", "2026-12-10"))).StatusCode);
        Assert.Equal(toHealth, Assert.Single(await gateway.OutboxEventsAsync<ReferralIssued>()).ReferralId.ToString());
        var toMember = Guid.NewGuid().ToString();
        await SubmitAsync(secretary, sessionPath, $"{sessionPath}/agenda/{caseId}/measures",
            ("measure", toMember), ("executor", $"member:{Pediatrician}"), ("task", "Посетить семью"), ("dueOn", "2026-12-08"));
        var noExecutor = await SubmitAsync(secretary, sessionPath, $"{sessionPath}/agenda/{caseId}/measures",
            ("measure", Guid.NewGuid().ToString()), ("executor", "police"), ("task", "Проверить"), ("dueOn", "2026-12-08"));
        Assert.Contains("Выберите исполнителя", await noExecutor.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(secretary, sessionPath, $"{sessionPath}/hold", ("version", "5"))).StatusCode);
        var afterSigning = await SubmitAsync(secretary, "/sessions", $"{sessionPath}/attendance", ("version", "6"), ("present", Chair.ToString()));
        Assert.Equal(HttpStatusCode.Conflict, afterSigning.StatusCode);
        Assert.Contains("Протокол заседания подписан", await afterSigning.Content.ReadAsStringAsync());

        var protocol = await PageAsync(secretary, $"{sessionPath}/protocol");
        Assert.Contains("data-signed=\"yes\"", protocol);
        Assert.DoesNotContain("id=\"draft\"", protocol);
        Assert.Contains("Жумабекова Айгуль", protocol);
        Assert.DoesNotContain("Нургалиев Асхат", protocol);
        Assert.Contains("за — 1, против — 1, воздержались — 0", protocol);
        Assert.Contains("Посетить семью", protocol);

        var casePage = await PageAsync(secretary, casePath);
        Assert.Contains($"data-measure=\"{toMember}\" data-state=\"open\"", casePage);
        Assert.Contains("data-kind=\"decision\"", casePage);
        Assert.Contains($"data-referral=\"{toHealth}\"", casePage);

        // Two days on, the member has not reported: overdue on the case and in the work queue, until marked carried out.
        clock.Advance(TimeSpan.FromDays(2));
        secretary = await gateway.SignedInAsync("secretary.almaty");
        Assert.Contains($"data-measure=\"{toMember}\" data-state=\"overdue\"", await PageAsync(secretary, casePath));
        Assert.Contains("data-attention=\"measures-overdue\"", await PageAsync(secretary, "/"));
        await SubmitAsync(secretary, casePath, $"{casePath}/measures/{toMember}/done", ("note", "Семья посещена, составлен акт"));
        casePage = await PageAsync(secretary, casePath);
        Assert.Contains($"data-measure=\"{toMember}\" data-state=\"done\"", casePage);
        Assert.Contains("Семья посещена, составлен акт", casePage);
        Assert.DoesNotContain("data-attention=\"measures-overdue\"", await PageAsync(secretary, "/"));
    }

    [Fact]
    public async Task Another_commission_sees_no_session_and_a_member_reads_but_does_not_record()
    {
        await using var gateway = await StartWithTwoCommissionsAsync();
        await gateway.CreateAccountAsync("member.almaty", StaffRole.CommissionMember, StaffScope.Commission(CommissionLevel.District, Kato.Parse("751110000")));
        var secretary = await gateway.SignedInAsync("secretary.almaty");
        await AddMemberAsync(secretary, Chair, "Жумабекова Айгуль", "chair");
        var twoChairs = await SubmitAsync(secretary, "/commission/members", "/commission/members",
            ("member", Guid.NewGuid().ToString()), ("fullName", "Второй Председатель"), ("position", "аким"), ("role", "chair"), ("userName", ""));
        Assert.Contains("уже есть председатель", await twoChairs.Content.ReadAsStringAsync());
        var sessionPath = (await SubmitAsync(secretary, "/sessions", "/sessions",
            ("session", Guid.NewGuid().ToString()), ("meetsAt", DateTime.UtcNow.AddHours(5).AddDays(3).ToString("yyyy-MM-ddTHH:mm")), ("place", "Акимат"))).Headers.Location!.OriginalString;
        var farBack = await SubmitAsync(secretary, "/sessions", "/sessions", ("session", Guid.NewGuid().ToString()), ("meetsAt", "2020-01-01T10:00"), ("place", "Акимат"));
        Assert.Equal(HttpStatusCode.Conflict, farBack.StatusCode);
        Assert.Contains("не ранее чем за 30 дней", await farBack.Content.ReadAsStringAsync());
        Assert.Contains("id=\"upcoming-sessions\"", await PageAsync(secretary, "/"));

        var astana = await gateway.SignedInAsync("secretary.astana");
        Assert.Equal(HttpStatusCode.NotFound, (await astana.GetAsync(sessionPath)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await astana.GetAsync($"{sessionPath}/protocol")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SubmitAsync(astana, "/sessions", $"{sessionPath}/attendance", ("version", "1"))).StatusCode);
        Assert.DoesNotContain("Жумабекова", await PageAsync(astana, "/commission/members"));

        var member = await gateway.SignedInAsync("member.almaty");
        var asMember = await PageAsync(member, sessionPath);
        Assert.DoesNotContain("id=\"attendance\"", asMember);
        Assert.DoesNotContain("id=\"hold\"", asMember);
        Assert.Equal(HttpStatusCode.Forbidden, (await SubmitAsync(member, sessionPath, $"{sessionPath}/hold", ("version", "1"))).StatusCode);

        var analyst = await gateway.SignedInAsync("analyst.one");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/sessions")).StatusCode);
    }

    private static async Task AddMemberAsync(HttpClient secretary, Guid id, string name, string role) =>
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(secretary, "/commission/members", "/commission/members",
            ("member", id.ToString()), ("fullName", name), ("position", "член комиссии"), ("role", role), ("userName", ""))).StatusCode);

    private static Task<HttpResponseMessage> DecideAsync(HttpClient secretary, string sessionPath, string caseId, int version, int votesFor, int against,
        bool chairVotedFor = false) =>
        SubmitAsync(secretary, sessionPath, $"{sessionPath}/agenda/{caseId}/decision", ("version", version.ToString()),
            ("resolution", "Направить ребёнка на обследование, семье оказать социальную помощь"), ("for", votesFor.ToString()),
            ("against", against.ToString()), ("abstained", "0"), ("chairVotedFor", chairVotedFor ? "yes" : ""));
}
