using System.Text.Json;
using Microsoft.AspNetCore.Authentication.Cookies;
using Platform.Gateway.Cases;
using Platform.Gateway.Cases.FollowUp;
using Platform.Gateway.Cases.Referrals;
using Platform.Gateway.Profiles;
using Platform.GrpcApi;
using Platform.GrpcApi.Access;
using Platform.Security.MutualTls;

namespace Platform.Gateway.Apis;

/// <summary>
/// The cases over HTTP JSON (OpenAPI at /openapi/v1.json): the same reads as platform.cases.v1, for commission staff
/// signed in on the web side and for commission and agency systems presenting their certificate, with the same rule
/// (<see cref="CaseAccess"/>) and audit.
/// </summary>
public static class CasesApi
{
    public const string ReadersPolicy = "case-readers";

    public static IServiceCollection AddCasesApi(this IServiceCollection services)
    {
        services.AddSingleton<CaseQueries>();
        services.AddAuthorizationBuilder().AddPolicy(ReadersPolicy, policy => policy
            .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme, AgencyCertificateAuthentication.Scheme)
            .RequireAssertion(context => CaseAccess.ReaderOf(context.User) is not null));
        return services;
    }

    public static void MapCasesApi(this IEndpointRouteBuilder endpoints)
    {
        var cases = endpoints.MapGroup("/api/cases").RequireAuthorization(ReadersPolicy).RequireRateLimiting(CallerRateLimits.Policy).WithTags("Cases");

        cases.MapGet("/", async (string? status, int? pageSize, string? pageToken, string? purpose, HttpContext http, CaseQueries queries) =>
        {
            var arguments = new CaseArguments();
            var (asked, size, after) = (arguments.Status(status, "status"), arguments.PageSize(pageSize, "pageSize"), arguments.PageToken(pageToken, "pageToken"));
            if (arguments.Violations.Count > 0) return Invalid(arguments);
            return await AnswerAsync(async () =>
            {
                var page = await queries.ListAsync(ReaderOf(http), asked, size, after, ReadOf(http, purpose), http.RequestAborted);
                return Results.Ok(new CasePageJson(page.Cases.Select(CaseHeaderJson.From).ToList(), page.NextAfter?.ToString()));
            });
        }).WithName("ListCases").WithSummary("The caller's cases, newest first, a page at a time (status: open, under_review, plan_adopted, monitoring, closed)")
            .Produces<CasePageJson>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        cases.MapGet("/{id}", (string id, string? purpose, HttpContext http, CaseQueries queries) => OfCaseAsync(id, async caseId =>
                await queries.GetAsync(ReaderOf(http), new CaseKey.ById(caseId), ReadOf(http, purpose), http.RequestAborted) is { } view
                    ? Results.Ok(CaseJson.From(view))
                    : NotHeld(caseId))).WithName("GetCase").WithSummary("One case as the caller may see it: grounds and timeline for the commission, the header for an agency")
            .Produces<CaseJson>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        cases.MapGet("/{id}/referrals", (string id, string? purpose, HttpContext http, CaseQueries queries) => OfCaseAsync(id, async caseId =>
                await queries.ReferralsAsync(ReaderOf(http), caseId, ReadOf(http, purpose), http.RequestAborted) is { } referrals
                    ? Results.Ok(referrals.Select(ReferralJson.From).ToList())
                    : NotHeld(caseId))).WithName("ListCaseReferrals").WithSummary("The referrals of a case: all for the commission, only its own agency's for an agency")
            .Produces<List<ReferralJson>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        // A literal segment outranks /{id}, so this is never read as a case id.
        cases.MapGet("/alerts", async (long? after, int? limit, string? purpose, HttpContext http, CaseQueries queries) =>
        {
            var arguments = new CaseArguments();
            var afterId = arguments.AfterAlertId(after, "after");
            if (limit is < 1 or > CaseQueries.MaximumAlertsPerRead) arguments.Add("limit", $"must be between 1 and {CaseQueries.MaximumAlertsPerRead}.");
            if (arguments.Violations.Count > 0) return Invalid(arguments);
            return await AnswerAsync(async () =>
            {
                var alerts = await queries.AlertsAfterAsync(ReaderOf(http), afterId, limit ?? CaseQueries.MaximumAlertsPerRead, ReadOf(http, purpose),
                    http.RequestAborted);
                return Results.Ok(new AlertPageJson(alerts.Select(AlertJson.From).ToList(), alerts.Count > 0 ? alerts[^1].Alert.Id : afterId));
            });
        }).WithName("CaseAlertsAfter").WithSummary("The commission's alerts after an alert id, oldest first; ask again with nextAfter for more")
            .Produces<AlertPageJson>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
    }

    /// <summary>A read of the case the route's <c>id</c> names, once it is a case id.</summary>
    private static async Task<IResult> OfCaseAsync(string id, Func<Guid, Task<IResult>> read)
    {
        var arguments = new CaseArguments();
        var caseId = arguments.CaseId(id, "id");
        return arguments.Violations.Count > 0 ? Invalid(arguments) : await AnswerAsync(() => read(caseId));
    }

    private static async Task<IResult> AnswerAsync(Func<Task<IResult>> read)
    {
        try
        {
            return await read();
        }
        catch (AccessDeniedException denied)
        {
            return Results.Problem(denied.Message, statusCode: StatusCodes.Status403Forbidden, title: "Access denied");
        }
    }

    private static CaseReader ReaderOf(HttpContext http) => CaseAccess.ReaderOf(http.User)!;

    private static ReadContext ReadOf(HttpContext http, string? purpose) =>
        new(string.IsNullOrWhiteSpace(purpose) ? "case work" : purpose.Trim()[..Math.Min(purpose.Trim().Length, AgencyAccess.MaximumPurposeLength)],
            http.Connection.RemoteIpAddress?.ToString());

    // The same answer for a case that does not exist and one of another commission: its existence is not the caller's to know.
    private static IResult NotHeld(Guid caseId) =>
        Results.Problem($"No case {caseId} is held for this caller.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    private static IResult Invalid(CaseArguments arguments) =>
        Results.ValidationProblem(arguments.Violations.GroupBy(v => v.Field).ToDictionary(g => g.Key, g => g.Select(v => v.Description).ToArray()),
            title: "The request is invalid.");
}

/// <summary>How the cases' enumerations are spelled on the wire, in gRPC strings and JSON alike: <c>report_back</c>, <c>met_on_time</c>.</summary>
internal static class CaseCodes
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}

public sealed record CaseNumberJson(string Commission, int Year, int Number, string Text)
{
    public static CaseNumberJson From(CaseNumber number) => new(number.Commission.Value, number.Year, number.Number, number.ToString());
}

public sealed record CaseHeaderJson(Guid CaseId, CaseNumberJson Number, string Iin, string Status, string? Responsible, DateTimeOffset OpenedAt,
    string OpenedBy, DateTimeOffset UpdatedAt)
{
    public static CaseHeaderJson From(CaseFile file) => new(file.Id, CaseNumberJson.From(file.Number), file.Iin, file.Status.Code(), file.Responsible,
        file.OpenedAt, file.OpenedBy, file.UpdatedAt);
}

public sealed record CasePageJson(IReadOnlyList<CaseHeaderJson> Cases, string? NextPageToken);

/// <param name="Withheld">The parts this caller's view leaves out (<c>grounds</c>, <c>timeline</c>).</param>
public sealed record CaseJson(CaseHeaderJson Header, CaseGrounds? Grounds, IReadOnlyList<CaseTimelineEntry> Timeline, IReadOnlyList<string> Withheld)
{
    public static CaseJson From(CaseView view) => new(CaseHeaderJson.From(view.Case), view.Grounds, view.Timeline, view.Withheld);
}

public sealed record ClockJson(string Kind, DateOnly Deadline, string State, int EscalationLevel);

public sealed record ReferralJson(Guid ReferralId, Guid CaseId, string Agency, string Task, DateOnly DueOn, string Kato, DateTimeOffset IssuedAt,
    string IssuedBy, string State, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, DateTimeOffset? CompletedAt, string? Outcome,
    IReadOnlyList<ClockJson> Clocks, string Attention, int EscalationLevel)
{
    public static ReferralJson From(CaseReferral referral) => new(referral.Id, referral.CaseId, referral.Agency, referral.Task, referral.DueOn,
        referral.Kato, referral.IssuedAt, referral.IssuedBy, CaseCodes.Of(referral.State), referral.AcknowledgedAt, referral.AcknowledgedBy,
        referral.CompletedAt, referral.Outcome,
        referral.Clocks.Select(c => new ClockJson(CaseCodes.Of(c.Kind), c.Deadline, CaseCodes.Of(c.State), c.EscalationLevel)).ToList(),
        CaseCodes.Of(FollowUpChanges.AttentionOf(referral.Clocks)), referral.EscalationLevel);
}

public sealed record AlertJson(long AlertId, Guid CaseId, CaseNumberJson Number, string Iin, string What, string? SourceAgency, string? RecordKind,
    string? SignalCode, IReadOnlyList<string> Evidence, int Risk, DateTimeOffset OccurredAt, DateTimeOffset CreatedAt, DateTimeOffset? SeenAt)
{
    public static AlertJson From(AlertOnCase onCase) => new(onCase.Alert.Id, onCase.CaseId, CaseNumberJson.From(onCase.Number), onCase.Iin,
        onCase.Alert.What, onCase.Alert.SourceAgency, onCase.Alert.RecordKind, onCase.Alert.SignalCode, onCase.Alert.Evidence, onCase.Alert.Risk,
        onCase.Alert.OccurredAt, onCase.Alert.CreatedAt, onCase.Alert.SeenAt);
}

/// <param name="NextAfter">The id to ask after next: the last alert's, or the one asked after when there were none.</param>
public sealed record AlertPageJson(IReadOnlyList<AlertJson> Alerts, long NextAfter);
