using Platform.Gateway.Cases;
using Platform.Gateway.Staff;
using Platform.Gateway.Web.Pages;
using static Platform.Gateway.Web.StaffPageResults;

namespace Platform.Gateway.Web;

/// <summary>Where staff land after signing in: a commission's work queue, or for everyone else who they are.</summary>
internal static class HomeEndpoints
{
    public static void MapHomePage(this RouteGroupBuilder pages) =>
        pages.MapGet("/", (HttpContext http, WorkQueue queue, string? signal, string? after) =>
        {
            var user = StaffUser.From(http.User)!;
            return user.May(StaffPermission.WorkCommissionCases) && user.Scope.Territory is not null
                ? CaseEndpoints.WorkQueueAsync(http, user, queue, signal, after)
                : Task.FromResult<IResult>(Page<HomePage>(new { User = user }));
        });
}
