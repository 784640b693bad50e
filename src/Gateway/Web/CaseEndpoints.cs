using System.Globalization;
using Platform.Contracts.Identity;
using Platform.Contracts.Territory;
using Platform.Gateway.Cases;
using Platform.Gateway.Cases.Alerts;
using Platform.Gateway.Cases.Referrals;
using Platform.Gateway.Cases.Sessions;
using Platform.Gateway.Profiles.Views;
using Platform.Gateway.Staff;
using Platform.Gateway.Web.Pages;
using Platform.Gateway.Web.Pages.Cases;
using Platform.GrpcApi;
using static Platform.Gateway.Web.StaffPageResults;

namespace Platform.Gateway.Web;

/// <summary>The commission's pages: the work queue, opening a case, a case with its status and notes.</summary>
internal static class CaseEndpoints
{
    public const string CasesPath = "/cases";
    public const int WorkQueuePageSize = 50;

    /// <summary>The work queue is the commission's home page; <c>signal</c> filters it, <c>after</c> pages on.</summary>
    public static async Task<IResult> WorkQueueAsync(HttpContext http, StaffUser user, WorkQueue queue, string? signal, string? after,
        string? problem = null, int statusCode = StatusCodes.Status200OK)
    {
        signal = string.IsNullOrWhiteSpace(signal) ? null : signal;
        var view = await queue.ReadAsync(ActorOf(http, user), signal, after ?? "", WorkQueuePageSize, http.RequestAborted);
        var statistics = await http.RequestServices.GetRequiredService<ReferralStatistics>().OfTerritoryAsync(user.Scope.Territory!.Value, http.RequestAborted);
        return Page<WorkQueuePage>(new { User = user, View = view, Statistics = statistics, Signal = signal, Problem = problem }, statusCode);
    }

    public static void MapCasePages(this RouteGroupBuilder pages)
    {
        var cases = pages.MapGroup(CasesPath).RequireAuthorization(StaffWebExtensions.CommissionPolicy);

        cases.MapPost("", async (HttpContext http, CaseStore store, WorkQueue queue, CommissionComposition composition) =>
        {
            var user = StaffUser.From(http.User)!;
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (!Iin.TryParse(form["iin"].ToString(), out var iin))
                return await WorkQueueAsync(http, user, queue, null, null, "problem-IinInvalid", StatusCodes.Status400BadRequest);
            try
            {
                var opened = await store.OpenAsync(iin, form["signal"].Where(code => !string.IsNullOrWhiteSpace(code)).Select(code => code!).ToList(),
                    form["reason"].ToString(), await ResponsibleAsync(composition, user, http.RequestAborted), ActorOf(http, user), http.RequestAborted);
                return Results.Redirect($"{CasesPath}/{opened.Id}");
            }
            catch (CaseRefusedException refused)
            {
                return await WorkQueueAsync(http, user, queue, null, null, ProblemKey(refused.Problem), StatusCodes.Status409Conflict);
            }
            catch (AccessDeniedException)
            {
                return await WorkQueueAsync(http, user, queue, null, null, "case-problem-OutsideTerritory", StatusCodes.Status403Forbidden);
            }
        });

        cases.MapGet("/{id:guid}", (HttpContext http, Guid id) => CasePageAsync(http, id, problem: null, StatusCodes.Status200OK));

        cases.MapPost("/{id:guid}/status", async (HttpContext http, Guid id, CaseStore store) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (!int.TryParse(form["version"], out var version) || CaseStatusCodes.FromCode(form["status"].ToString()) is not { } requested)
                return await CasePageAsync(http, id, ProblemKey(CaseProblem.TransitionNotAllowed), StatusCodes.Status400BadRequest);
            return await ChangeAsync(http, id, actor =>
                store.ChangeStatusAsync(id, version, requested, form["reason"].ToString(), actor, http.RequestAborted));
        });

        cases.MapPost("/{id:guid}/notes", async (HttpContext http, Guid id, CaseStore store) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            return await ChangeAsync(http, id, actor => store.AddNoteAsync(id, form["text"].ToString(), actor, http.RequestAborted));
        });

        cases.MapPost("/{id:guid}/transfer", async (HttpContext http, Guid id, CaseStore store) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (!Kato.TryParse(form["commission"].ToString().Trim(), out var to, out _))
                return await CasePageAsync(http, id, ProblemKey(CaseProblem.TerritoryInvalid), StatusCodes.Status400BadRequest);
            if (!int.TryParse(form["version"], out var version))
                return await CasePageAsync(http, id, ProblemKey(CaseProblem.StaleForm), StatusCodes.Status400BadRequest);
            return await ChangeAsync(http, id, actor => store.TransferAsync(id, version, to, form["reason"].ToString(), actor, http.RequestAborted));
        });

        cases.MapPost("/{id:guid}/responsible", async (HttpContext http, Guid id, CaseStore store) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (!int.TryParse(form["version"], out var version) || !Guid.TryParse(form["member"], out var member))
                return await CasePageAsync(http, id, ProblemKey(CaseProblem.MemberUnknown), StatusCodes.Status400BadRequest);
            return await ChangeAsync(http, id, actor => store.AssignResponsibleAsync(id, version, member, actor, http.RequestAborted));
        });

        cases.MapPost("/{id:guid}/measures/{measureId:guid}/done", async (HttpContext http, Guid id, Guid measureId, CommissionSessions sessions) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            return await ChangeAsync(http, id, actor => sessions.MarkMeasureDoneAsync(id, measureId, form["note"].ToString(), actor, http.RequestAborted));
        });

        cases.MapPost("/{id:guid}/alerts/{alertId:long}/seen", (HttpContext http, Guid id, long alertId, CaseAlerts alerts) =>
            ChangeAsync(http, id, actor => alerts.MarkSeenAsync(id, alertId, actor, http.RequestAborted)));

        cases.MapPost("/{id:guid}/referrals", async (HttpContext http, Guid id, CaseReferrals referrals) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (!DateOnly.TryParseExact(form["dueOn"].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dueOn))
                return await CasePageAsync(http, id, ProblemKey(CaseProblem.DueDateInvalid), StatusCodes.Status400BadRequest);
            var referral = new NewReferral(Guid.TryParse(form["referral"], out var referralId) ? referralId : Guid.Empty,
                form["agency"].ToString(), form["task"].ToString(), dueOn);
            return await ChangeAsync(http, id, actor => referrals.IssueAsync(id, referral, actor, http.RequestAborted));
        });
    }

    /// <summary>Runs a change of a case and answers with a redirect to it, or the case page naming the refusal (nothing changed).</summary>
    private static async Task<IResult> ChangeAsync(HttpContext http, Guid id, Func<CaseActor, Task> change)
    {
        try
        {
            await change(ActorOf(http, StaffUser.From(http.User)!));
            return Results.Redirect($"{CasesPath}/{id}");
        }
        catch (CaseRefusedException refused)
        {
            return await CasePageAsync(http, id, ProblemKey(refused.Problem), StatusCodes.Status409Conflict);
        }
        catch (CaseNotFoundException)
        {
            return Page<MessagePage>(new { TextKey = "not-found" }, StatusCodes.Status404NotFound);
        }
    }

    private static async Task<IResult> CasePageAsync(HttpContext http, Guid id, string? problem, int statusCode)
    {
        var store = http.RequestServices.GetRequiredService<CaseStore>();
        var actor = ActorOf(http, StaffUser.From(http.User)!);
        if (await store.GetAsync(id, actor, http.RequestAborted) is not { } found)
            return Page<MessagePage>(new { TextKey = "not-found" }, StatusCodes.Status404NotFound);
        var sessions = http.RequestServices.GetRequiredService<CommissionSessions>();
        return Page<CasePage>(new
        {
            Case = found,
            Composition = await http.RequestServices.GetRequiredService<CommissionComposition>().OfAsync(found.Number.Commission, includeFormer: false,
                http.RequestAborted),
            Hearings = await sessions.HearingsOfCaseAsync(id, http.RequestAborted),
            Measures = await sessions.MeasuresOfCaseAsync(id, http.RequestAborted),
            Timeline = await store.TimelineAsync(id, http.RequestAborted),
            Referrals = await http.RequestServices.GetRequiredService<CaseReferrals>().OfCaseAsync(id, http.RequestAborted),
            Alerts = await http.RequestServices.GetRequiredService<CaseAlerts>().OfCaseAsync(id, http.RequestAborted),
            Now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
            Problem = problem,
        }, statusCode);
    }

    /// <summary>Whoever opens a case is responsible for it at first: as the composition names them, or by their account's name.</summary>
    private static async Task<string> ResponsibleAsync(CommissionComposition composition, StaffUser user, CancellationToken cancellationToken) =>
        (await composition.OfAsync(user.Scope.Territory!.Value, includeFormer: false, cancellationToken))
        .FirstOrDefault(member => member.UserName == user.UserName)?.FullName ?? user.DisplayName;

    internal static CaseActor ActorOf(HttpContext http, StaffUser user) =>
        new(new StaffViewer(user).Actor, user.Scope.Territory!.Value, http.Connection.RemoteIpAddress?.ToString());

    internal static string ProblemKey(CaseProblem problem) => $"case-problem-{problem}";
}
