using Platform.Contracts.Localization;
using Platform.AppHost.Dashboard.Localization;
using static Platform.AppHost.Dashboard.Pages.Html;

namespace Platform.AppHost.Dashboard.Pages;

internal static class Layout
{
    private static readonly (string Path, string TextKey)[] Navigation =
    [
        ("/", "resources"), ("/console", "console"), ("/logs", "logs"), ("/traces", "traces"), ("/metrics", "metrics"),
    ];

    public static string Page(DashboardText text, string currentPath, string heading, string body) => $"""
        <!doctype html>
        <html lang="{text.Code}">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{E(heading)} · {E(text["title"])}</title>
          <link rel="stylesheet" href="/assets/dashboard.css">
        </head>
        <body>
          <header>
            <span class="title">{E(text["title"])}</span>
            {string.Concat(Navigation.Select(n =>
                $"<a href=\"{n.Path}\"{(IsCurrent(n.Path, currentPath) ? " class=\"current\"" : "")}>{E(text[n.TextKey])}</a>"))}
            <span class="spacer"></span>
            <span class="lang">{string.Concat(Enum.GetValues<UiLanguage>().Select(l =>
                $"<a href=\"?lang={l.Code()}\">{l.ToString().ToUpperInvariant()}</a>"))}</span>
            <form method="post" action="/logout"><button type="submit">{E(text["sign-out"])}</button></form>
          </header>
          <main>
            <h1>{E(heading)}</h1>
            {body}
          </main>
          <script src="/assets/dashboard.js"></script>
        </body>
        </html>
        """;

    private static bool IsCurrent(string navigationPath, string currentPath) =>
        navigationPath == "/" ? currentPath == "/" : currentPath.StartsWith(navigationPath, StringComparison.Ordinal);
}
