using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Platform.Contracts.Identity;
using Platform.Contracts.Territory;
using Platform.Gateway.Profiles;
using Platform.Gateway.Profiles.Views;
using Platform.Gateway.Staff;
using Platform.Security;
using Platform.Security.MutualTls;
using Platform.GrpcApi.Access;
using Platform.Audit;

namespace Platform.Gateway.Apis;

/// <summary>
/// The profile reads over HTTP JSON (OpenAPI at /openapi/v1.json), for commission staff signed in on the web side
/// and for agency systems presenting their certificate. The same policy and audit as the gRPC API.
/// </summary>
public static class ChildProfilesApi
{
    public const string ReadersPolicy = "profile-readers";
    public const string SupervisorsPolicy = "audit-supervisors";

    public static IServiceCollection AddChildProfilesApi(this IServiceCollection services)
    {
        services.AddSingleton<ProfileQueries>();
        services.AddAuthorizationBuilder()
            .AddPolicy(ReadersPolicy, policy => policy
                .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme, AgencyCertificateAuthentication.Scheme)
                .RequireAssertion(context => ViewerOf(context.User) is not null))
            // Administrators supervise who accessed children's data; break-glass openings are listed for their review.
            .AddPolicy(SupervisorsPolicy, policy => policy.RequireAssertion(context => StaffUser.From(context.User)?.May(StaffPermission.ManageAccounts) == true));
        services.AddOpenApi();
        return services;
    }

    public static void MapChildProfilesApi(this IEndpointRouteBuilder endpoints)
    {
        var children = endpoints.MapGroup("/api/children").RequireAuthorization(ReadersPolicy).RequireRateLimiting(CallerRateLimits.Policy).WithTags("Children");

        children.MapGet("/{iin}", async (string iin, string? purpose, string? breakGlassReason, HttpContext http, ProfileQueries queries) =>
        {
            if (!Iin.TryParse(iin, out var valid, out var error)) return Invalid("iin", error);
            var read = new ReadContext(string.IsNullOrWhiteSpace(purpose) ? "case work" : purpose.Trim(), Address(http), breakGlassReason);
            return await queries.GetAsync(valid, ViewerOf(http.User)!, read, http.RequestAborted) switch
            {
                ProfileLookup.Found found => Results.Ok(ProfileViewJson.From(found.View, found.ByBreakGlass)),
                ProfileLookup.Denied denied => Results.Problem(denied.Reason, statusCode: StatusCodes.Status403Forbidden, title: "Access denied"),
                _ => Results.Problem($"The platform holds no records of a child with IIN {iin}.", statusCode: StatusCodes.Status404NotFound, title: "Not found"),
            };
        }).WithName("GetProfile").WithSummary("A child's integrated profile, as the caller may see it");

        children.MapGet("/", async (string? kato, string? signal, int? minAge, int? maxAge, int? pageSize, string? pageToken,
            HttpContext http, ProfileQueries queries) =>
        {
            Kato? territory = null;
            if (!string.IsNullOrEmpty(kato))
            {
                if (!Kato.TryParse(kato, out var parsed, out var error)) return Invalid("kato", error);
                territory = parsed;
            }
            if (pageSize is < 1 or > ProfileQueries.MaximumPageSize) return Invalid("pageSize", $"must be between 1 and {ProfileQueries.MaximumPageSize}.");
            if (minAge < 0 || maxAge < 0 || maxAge < minAge) return Invalid("maxAge", "The age band must be 0 ≤ minAge ≤ maxAge.");
            if (!string.IsNullOrEmpty(pageToken) && !Iin.TryParse(pageToken, out _)) return Invalid("pageToken", "is not a token this service gave out.");
            if (!string.IsNullOrEmpty(signal) && Profiles.Signals.SignalRules.All.All(r => r.Code != signal)) return Invalid("signal", "is not a known signal.");
            try
            {
                var page = await queries.SearchAsync(new ChildSearch(territory, string.IsNullOrEmpty(signal) ? null : signal, minAge, maxAge, pageSize ?? 50, pageToken ?? ""),
                    ViewerOf(http.User)!, new ReadContext("search", Address(http)), http.RequestAborted);
                return Results.Ok(page);
            }
            catch (SearchDeniedException denied)
            {
                return Results.Problem(denied.Message, statusCode: StatusCodes.Status403Forbidden, title: "Access denied");
            }
        }).WithName("SearchChildren").WithSummary("Children of a territory, by open signal and age band");

        children.MapGet("/changes", async (long? after, int? limit, HttpContext http, ProfileQueries queries) =>
            Results.Ok(await queries.ChangesAsync(after ?? 0, ViewerOf(http.User)!, Math.Clamp(limit ?? 500, 1, 1000), http.RequestAborted)))
            .WithName("ProfileChanges").WithSummary("Changes of profiles within the caller's territory after a position");

        var audit = endpoints.MapGroup("/api/audit").RequireAuthorization(SupervisorsPolicy).RequireRateLimiting(CallerRateLimits.Policy).WithTags("Audit");
        audit.MapGet("/children/{iin}", async (string iin, int? pageSize, long? before, AuditQueries queries, CancellationToken cancellationToken) =>
            Iin.TryParse(iin, out _, out var error)
                ? Results.Ok(await queries.AccessesToChildAsync(iin, Math.Clamp(pageSize ?? 100, 1, 500), before, cancellationToken))
                : Invalid("iin", error))
            .WithName("AccessesToChild").WithSummary("Who read or searched a child's data here, newest first");
        audit.MapGet("/flagged", async (int? pageSize, long? before, AuditQueries queries, CancellationToken cancellationToken) =>
            Results.Ok(await queries.FlaggedForReviewAsync(Math.Clamp(pageSize ?? 100, 1, 500), before, cancellationToken)))
            .WithName("FlaggedForReview").WithSummary("Break-glass openings and other accesses flagged for review");
    }

    public static ProfileViewer? ViewerOf(ClaimsPrincipal user) =>
        user.ToAgencyCaller() is { } caller ? new AgencySystemViewer(caller)
        : StaffUser.From(user) is { } staff ? new StaffViewer(staff)
        : null;

    private static string? Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

    private static IResult Invalid(string field, string error) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [error] }, title: "The request is invalid.");
}

/// <summary>A profile view as JSON: each record's fields under <c>details</c>.</summary>
public sealed record ProfileViewJson(
    string Iin, DateOnly BirthDate, string Sex, bool OpenedByBreakGlass, IReadOnlyList<ReportedIdentity> Identity,
    IReadOnlyList<ProfileViewJson.Record> Records, IReadOnlyList<VisibleSignal> Signals, IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<string> HiddenKinds)
{
    public sealed record Record(string SourceAgency, string RecordId, string Kind, int Version, string Region, DateTimeOffset OccurredAt,
        DateTimeOffset RecordedAt, System.Text.Json.Nodes.JsonObject Details);

    public static ProfileViewJson From(Profiles.Views.ProfileView view, bool byBreakGlass) => new(
        view.Iin, view.BirthDate, view.Sex, byBreakGlass, view.Identity,
        view.Records.Select(r => new Record(r.Event.SourceAgency, r.Event.RecordId, r.Kind, r.Event.Version, r.Event.Region,
            r.Event.OccurredAt, r.Event.RecordedAt, r.Details)).ToList(),
        view.Signals, view.Timeline, view.HiddenKinds);
}
