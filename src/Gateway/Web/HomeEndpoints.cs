using Platform.Gateway.Staff;
using Platform.Gateway.Web.Pages;
using static Platform.Gateway.Web.StaffPageResults;

namespace Platform.Gateway.Web;

/// <summary>Where staff land after signing in.</summary>
internal static class HomeEndpoints
{
    public static void MapHomePage(this RouteGroupBuilder pages) =>
        pages.MapGet("/", (HttpContext http) => Page<HomePage>(new { User = StaffUser.From(http.User)! }));
}
