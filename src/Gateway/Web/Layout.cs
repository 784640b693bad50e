using Platform.Contracts.Localization;
using Platform.Gateway.Staff;
using static Platform.Gateway.Web.Html;

namespace Platform.Gateway.Web;

internal static class Layout
{
    public static string Page(WebRequest request, string heading, string body)
    {
        var text = request.Text;
        var user = request.User;
        var navigation = user is null ? "" : $"""
            <a href="/">{E(text["home"])}</a>
            {(user.May(StaffPermission.ManageAccounts) ? $"<a href=\"{AccountAdminPages.ListPath}\">{E(text["accounts"])}</a>" : "")}
            """;
        var signOut = user is null ? "" : $"""
            <span class="user">{E(user.DisplayName)}</span>
            <form method="post" action="{SignInPages.SignOutPath}">{request.AntiforgeryField}<button type="submit">{E(text["sign-out"])}</button></form>
            """;
        return $"""
            <!doctype html>
            <html lang="{text.Code}">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{E(heading)} · {E(text["title"])}</title>
              <link rel="stylesheet" href="{StaffWebExtensions.StylesheetPath}">
            </head>
            <body>
              <header>
                <span class="title">{E(text["title"])}</span>
                {navigation}
                <span class="spacer"></span>
                <span class="lang">{string.Concat(Enum.GetValues<UiLanguage>().Select(l =>
                    $"<a href=\"?lang={l.Code()}\">{l.ToString().ToUpperInvariant()}</a>"))}</span>
                {signOut}
              </header>
              <main>
                <h1>{E(heading)}</h1>
                {body}
              </main>
            </body>
            </html>
            """;
    }
}
