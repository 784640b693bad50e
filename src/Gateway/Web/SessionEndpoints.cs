using System.Globalization;
using Platform.Gateway.Cases;
using Platform.Gateway.Cases.FollowUp;
using Platform.Gateway.Cases.Sessions;
using Platform.Gateway.Staff;
using Platform.Gateway.Web.Pages;
using Platform.Gateway.Web.Pages.Sessions;
using static Platform.Gateway.Web.CaseEndpoints;
using static Platform.Gateway.Web.StaffPageResults;

namespace Platform.Gateway.Web;

/// <summary>
/// The commission as a collegial body: its composition, its sessions (agenda, attendance, decisions with votes and
/// measures) and the printable protocol. Members read; the secretary, who keeps the commission's records, writes.
/// </summary>
internal static class SessionEndpoints
{
    public const string SessionsPath = "/sessions";
    public const string CompositionPath = "/commission/members";

    public static void MapSessionPages(this RouteGroupBuilder pages)
    {
        var sessions = pages.MapGroup(SessionsPath).RequireAuthorization(StaffWebExtensions.CommissionPolicy);
        var records = pages.MapGroup("").RequireAuthorization(StaffWebExtensions.CommissionPolicy, StaffWebExtensions.CommissionRecordsPolicy);

        sessions.MapGet("", (HttpContext http, CommissionSessions store) => SessionListAsync(http, store, problem: null, StatusCodes.Status200OK));
        sessions.MapGet("/{id:guid}", (HttpContext http, Guid id) => SessionPageAsync(http, id, problem: null, StatusCodes.Status200OK));
        sessions.MapGet("/{id:guid}/protocol", async (HttpContext http, Guid id, Guid? @case, CommissionSessions store) =>
            await store.GetAsync(id, ActorOf(http, StaffUser.From(http.User)!), http.RequestAborted) is { } file
                ? (IResult)Page<ProtocolPage>(new { File = file, OnlyCase = @case })
                : Page<MessagePage>(new { TextKey = "not-found" }, StatusCodes.Status404NotFound));

        records.MapPost(SessionsPath, async (HttpContext http, CommissionSessions store) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (!DateTime.TryParseExact(form["meetsAt"].ToString(), "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                return await SessionListAsync(http, store, ProblemKey(CaseProblem.MeetsAtInvalid), StatusCodes.Status400BadRequest);
            var session = new NewSession(FormGuid(form["session"]), new DateTimeOffset(local, WorkingCalendar.Kazakhstan.UtcOffset), form["place"].ToString());
            try
            {
                var planned = await store.PlanAsync(session, Acting(http), http.RequestAborted);
                return Results.Redirect($"{SessionsPath}/{planned.Id}");
            }
            catch (CaseRefusedException refused)
            {
                return await SessionListAsync(http, store, ProblemKey(refused.Problem), StatusCodes.Status409Conflict);
            }
        });

        records.MapPost(SessionsPath + "/{id:guid}/agenda", async (HttpContext http, Guid id, CommissionSessions store) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            return await ChangeAsync(http, id, form, actor => store.AddToAgendaAsync(id, Version(form), FormGuid(form["case"]), actor, http.RequestAborted));
        });
        records.MapPost(SessionsPath + "/{id:guid}/agenda/{caseId:guid}/remove", async (HttpContext http, Guid id, Guid caseId, CommissionSessions store) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            return await ChangeAsync(http, id, form, actor => store.RemoveFromAgendaAsync(id, Version(form), caseId, actor, http.RequestAborted));
        });
        records.MapPost(SessionsPath + "/{id:guid}/attendance", async (HttpContext http, Guid id, CommissionSessions store) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var present = form["present"].Select(value => Guid.TryParse(value, out var member) ? member : Guid.Empty).ToList();
            return await ChangeAsync(http, id, form, actor => store.RecordAttendanceAsync(id, Version(form), present, actor, http.RequestAborted));
        });
        records.MapPost(SessionsPath + "/{id:guid}/agenda/{caseId:guid}/decision", async (HttpContext http, Guid id, Guid caseId, CommissionSessions store) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (!int.TryParse(form["for"], out var votesFor) || !int.TryParse(form["against"], out var votesAgainst)
                || !int.TryParse(form["abstained"], out var votesAbstained))
                return await SessionPageAsync(http, id, ProblemKey(CaseProblem.VotesInvalid), StatusCodes.Status400BadRequest);
            var vote = new Vote(votesFor, votesAgainst, votesAbstained, ChairVotedFor: form["chairVotedFor"] == "yes");
            return await ChangeAsync(http, id, form, actor =>
                store.DecideAsync(id, Version(form), caseId, form["resolution"].ToString(), vote, actor, http.RequestAborted));
        });
        records.MapPost(SessionsPath + "/{id:guid}/agenda/{caseId:guid}/measures", async (HttpContext http, Guid id, Guid caseId, CommissionSessions store) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (!DateOnly.TryParseExact(form["dueOn"].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dueOn))
                return await SessionPageAsync(http, id, ProblemKey(CaseProblem.DueDateInvalid), StatusCodes.Status400BadRequest);
            var measure = MeasureOf(FormGuid(form["measure"]), form["executor"].ToString(), form["task"].ToString(), dueOn);
            return await ChangeAsync(http, id, form, actor => store.AddMeasureAsync(id, caseId, measure, actor, http.RequestAborted));
        });
        records.MapPost(SessionsPath + "/{id:guid}/hold", async (HttpContext http, Guid id, CommissionSessions store) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            return await ChangeAsync(http, id, form, actor => store.HoldAsync(id, Version(form), actor, http.RequestAborted));
        });

        pages.MapGet(CompositionPath, (HttpContext http, CommissionComposition composition) =>
                CompositionPageAsync(http, composition, problem: null, StatusCodes.Status200OK))
            .RequireAuthorization(StaffWebExtensions.CommissionPolicy);
        records.MapPost(CompositionPath, async (HttpContext http, CommissionComposition composition) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var member = new NewMember(FormGuid(form["member"]), form["fullName"].ToString(), form["position"].ToString(),
                SessionRules.MemberRoleFromCode(form["role"].ToString()) ?? MemberRole.Member, form["userName"].ToString());
            return await CompositionChangeAsync(http, composition, () => composition.AddAsync(member, Acting(http), http.RequestAborted));
        });
        records.MapPost(CompositionPath + "/{memberId:guid}/remove", (HttpContext http, Guid memberId, CommissionComposition composition) =>
            CompositionChangeAsync(http, composition, () => composition.RemoveAsync(memberId, Acting(http), http.RequestAborted)));
    }

    /// <summary>An executor as the measure form posts it: <c>agency:health</c> or <c>member:{id}</c>; anything else names none.</summary>
    internal static NewMeasure MeasureOf(Guid id, string executor, string task, DateOnly dueOn) => executor.Split(':', 2) switch
    {
        ["agency", var agency] => new NewMeasure(id, agency, null, task, dueOn),
        ["member", var member] when Guid.TryParse(member, out var memberId) => new NewMeasure(id, null, memberId, task, dueOn),
        _ => new NewMeasure(id, null, null, task, dueOn),
    };

    private static async Task<IResult> ChangeAsync(HttpContext http, Guid id, IFormCollection form, Func<CaseActor, Task> change)
    {
        try
        {
            await change(Acting(http));
            return Results.Redirect($"{SessionsPath}/{id}");
        }
        catch (CaseRefusedException refused)
        {
            return await SessionPageAsync(http, id, ProblemKey(refused.Problem), StatusCodes.Status409Conflict);
        }
        catch (Exception missing) when (missing is SessionNotFoundException or CaseNotFoundException)
        {
            return Page<MessagePage>(new { TextKey = "not-found" }, StatusCodes.Status404NotFound);
        }
    }

    private static async Task<IResult> CompositionChangeAsync(HttpContext http, CommissionComposition composition, Func<Task> change)
    {
        try
        {
            await change();
            return Results.Redirect(CompositionPath);
        }
        catch (CaseRefusedException refused)
        {
            return await CompositionPageAsync(http, composition, ProblemKey(refused.Problem), StatusCodes.Status409Conflict);
        }
    }

    private static async Task<IResult> SessionListAsync(HttpContext http, CommissionSessions store, string? problem, int statusCode)
    {
        var user = StaffUser.From(http.User)!;
        var sessions = await store.OfCommissionAsync(user.Scope.Territory!.Value, http.RequestAborted);
        return Page<SessionListPage>(new { User = user, Sessions = sessions, Now = Now(http), Problem = problem }, statusCode);
    }

    private static async Task<IResult> SessionPageAsync(HttpContext http, Guid id, string? problem, int statusCode)
    {
        var user = StaffUser.From(http.User)!;
        var store = http.RequestServices.GetRequiredService<CommissionSessions>();
        if (await store.GetAsync(id, ActorOf(http, user), http.RequestAborted) is not { } file)
            return Page<MessagePage>(new { TextKey = "not-found" }, StatusCodes.Status404NotFound);
        var casesToHear = file.Session.Status == SessionStatus.Planned
            ? await store.CasesToHearAsync(id, user.Scope.Territory!.Value, http.RequestAborted)
            : [];
        return Page<SessionPage>(new { User = user, File = file, CasesToHear = casesToHear, Now = Now(http), Problem = problem }, statusCode);
    }

    private static async Task<IResult> CompositionPageAsync(HttpContext http, CommissionComposition composition, string? problem, int statusCode)
    {
        var user = StaffUser.From(http.User)!;
        var members = await composition.OfAsync(user.Scope.Territory!.Value, includeFormer: false,
            http.RequestAborted);
        return Page<CompositionPage>(new { User = user, Members = members, Problem = problem }, statusCode);
    }

    private static CaseActor Acting(HttpContext http) => ActorOf(http, StaffUser.From(http.User)!);

    private static DateTimeOffset Now(HttpContext http) => http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    private static int Version(IFormCollection form) => int.TryParse(form["version"], out var version) ? version : 0;

    /// <summary>An id a form carries; a missing or mangled one is empty, which the rules refuse as a stale form.</summary>
    private static Guid FormGuid(string? value) => Guid.TryParse(value, out var id) ? id : Guid.Empty;
}
