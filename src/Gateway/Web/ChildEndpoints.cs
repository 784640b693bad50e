using System.Globalization;
using Platform.Contracts.Identity;
using Platform.Gateway.Cases;
using Platform.Gateway.Cases.FollowUp;
using Platform.Gateway.Profiles;
using Platform.Gateway.Profiles.Views;
using Platform.Gateway.Staff;
using Platform.Gateway.Web.Pages;
using Platform.Gateway.Web.Pages.Children;
using static Platform.Gateway.Web.StaffPageResults;

namespace Platform.Gateway.Web;

/// <summary>
/// Finding a child and the child's page, for the commissions. Reads go through <see cref="ProfileQueries"/>, so the
/// view policy, the territory rule, break-glass and the audit trail are exactly the profile API's.
/// </summary>
internal static class ChildEndpoints
{
    public const string ChildrenPath = "/children";
    public const int MaximumBreakGlassReasonLength = 500;
    private const string Purpose = "commission case work";

    public static void MapChildPages(this RouteGroupBuilder pages)
    {
        var children = pages.MapGroup(ChildrenPath).RequireAuthorization(StaffWebExtensions.CommissionPolicy);

        children.MapGet("", async (HttpContext http, ProfileQueries queries, string? iin, string? name, string? birthDate) =>
        {
            if (!string.IsNullOrWhiteSpace(iin))
                return Iin.TryParse(iin.Trim(), out var parsed)
                    ? Results.Redirect($"{ChildrenPath}/{parsed.Value}")
                    : Page<FindChildPage>(new { Iin = iin, Problem = "problem-IinInvalid" }, StatusCodes.Status400BadRequest);
            if (string.IsNullOrWhiteSpace(name) && string.IsNullOrWhiteSpace(birthDate)) return Page<FindChildPage>();
            if (!DateOnly.TryParseExact(birthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born))
                return Page<FindChildPage>(new { Name = name, BirthDate = birthDate, Problem = "find-problem-birth-date" }, StatusCodes.Status400BadRequest);
            if (NameSpelling.WordKeys(name).Count == 0)
                return Page<FindChildPage>(new { Name = name, BirthDate = birthDate, Problem = "find-problem-name" }, StatusCodes.Status400BadRequest);
            var found = await queries.FindByNameAsync(name!, born, ViewerOf(http), ReadOf(http), http.RequestAborted);
            return Page<FindChildPage>(new { Name = name, BirthDate = birthDate, Found = found });
        });

        children.MapGet("/{iin}", (HttpContext http, string iin, ProfileQueries queries, CaseStore cases, TimeProvider time) =>
            ChildPageAsync(http, iin, breakGlassReason: null, queries, cases, time));

        // Break-glass is a form post: the reason belongs in the audit trail, not in a URL kept in browser history.
        children.MapPost("/{iin}", async (HttpContext http, string iin, ProfileQueries queries, CaseStore cases, TimeProvider time) =>
        {
            var reason = (await http.Request.ReadFormAsync(http.RequestAborted))["reason"].ToString().Trim();
            if (reason.Length is 0 or > MaximumBreakGlassReasonLength)
                return Page<BreakGlassPage>(new { Iin = iin, Problem = "break-glass-problem-reason" }, StatusCodes.Status400BadRequest);
            return await ChildPageAsync(http, iin, reason, queries, cases, time);
        });
    }

    private static async Task<IResult> ChildPageAsync(HttpContext http, string iin, string? breakGlassReason, ProfileQueries queries, CaseStore cases,
        TimeProvider time)
    {
        if (!Iin.TryParse(iin, out var parsed))
            return Page<FindChildPage>(new { Iin = iin, Problem = "problem-IinInvalid" }, StatusCodes.Status400BadRequest);
        var lookup = await queries.GetAsync(parsed, ViewerOf(http), ReadOf(http) with { BreakGlassReason = breakGlassReason }, http.RequestAborted);
        switch (lookup)
        {
            case ProfileLookup.NotFound:
                return Page<MessagePage>(new { TextKey = "child-not-found" }, StatusCodes.Status404NotFound);
            case ProfileLookup.Denied:
                // Commission staff are refused only for territory: the page offers break-glass, with a reason.
                return Page<BreakGlassPage>(new { Iin = parsed.Value }, StatusCodes.Status403Forbidden);
        }
        var found = (ProfileLookup.Found)lookup;
        var actor = CaseEndpoints.ActorOf(http, StaffUser.From(http.User)!);
        var today = WorkingCalendar.Kazakhstan.LocalDate(time.GetUtcNow());
        return Page<ChildPage>(new
        {
            View = found.View,
            BreakGlassReason = found.ByBreakGlass ? breakGlassReason : null,
            Cases = await cases.OfChildAsync(parsed.Value, actor, http.RequestAborted),
            Route = ChildRoute.Of(found.View.Records.Select(r => r.Event), today),
            Today = today,
        });
    }

    private static StaffViewer ViewerOf(HttpContext http) => new(StaffUser.From(http.User)!);

    private static ReadContext ReadOf(HttpContext http) => new(Purpose, http.Connection.RemoteIpAddress?.ToString());
}
