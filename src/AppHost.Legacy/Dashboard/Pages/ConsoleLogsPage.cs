using Platform.AppHost.Dashboard.Localization;
using Platform.AppHost.Hosting.Application;
using static Platform.AppHost.Dashboard.Pages.Html;

namespace Platform.AppHost.Dashboard.Pages;

internal static class ConsoleLogsPage
{
    public static string Render(DistributedApplication app, DashboardText text, string? resource)
    {
        var names = app.Resources.Select(r => r.Name).ToList();
        var picker = $"""
            <form class="filters" method="get" action="/console">
              <label>{E(text["resource"])}<select name="resource" data-autosubmit>{Options(names, resource, "—")}</select></label>
              {(resource is null ? "" : $"<a href=\"/api/console/{Q(resource)}/download\">{E(text["download"])}</a>")}
            </form>
            """;
        var console = resource is null || !names.Contains(resource)
            ? ""
            : $"<div class=\"console mono\" id=\"console\" data-tail-url=\"/api/console/{Q(resource)}/stream\"></div>";
        return Layout.Page(text, "/console", text["console"] + (resource is null ? "" : $": {resource}"), picker + console);
    }
}
