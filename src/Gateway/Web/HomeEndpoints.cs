using static Platform.Gateway.Web.Html;

namespace Platform.Gateway.Web;

/// <summary>Where staff land after signing in; the commission's real workspace replaces it in a later issue.</summary>
internal static class HomePage
{
    public static void MapHomePage(this RouteGroupBuilder pages) => pages.MapGet("/", (HttpContext http) =>
    {
        var request = WebRequest.For(http);
        var text = request.Text;
        var user = request.User!;
        return WebRequest.Html(Layout.Page(request, text["title"], $"""
            <dl class="facts" id="current-user">
              <dt>{E(text["display-name"])}</dt><dd data-field="display-name">{E(user.DisplayName)}</dd>
              <dt>{E(text["user-name"])}</dt><dd data-field="user-name">{E(user.UserName)}</dd>
              <dt>{E(text["role"])}</dt><dd data-field="role">{E(request.RoleName(user.Role))}</dd>
              <dt>{E(text["territory"])}</dt><dd data-field="territory">{E(request.ScopeName(user.Scope))}</dd>
            </dl>
            <p class="muted">{E(text["workspace-placeholder"])}</p>
            """));
    });
}
