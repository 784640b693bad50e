using Platform.AppHost.Dashboard.Localization;
using Platform.AppHost.Hosting.Application;
using Platform.AppHost.Hosting.Resources;
using static Platform.AppHost.Dashboard.Pages.Html;

namespace Platform.AppHost.Dashboard.Pages;

internal static class ResourcesPage
{
    public static string Render(DistributedApplication app, DashboardText text) =>
        Layout.Page(text, "/", text["resources"],
            $"<div id=\"resources\" data-refresh-url=\"/fragments/resources\" data-refresh-ms=\"2000\">{Table(app, text)}</div>" +
            $"<p class=\"muted\">{E(text["live"])}</p>");

    public static string Table(DistributedApplication app, DashboardText text)
    {
        var rows = app.Resources.Select(resource =>
        {
            var snapshot = app.ResourceNotifications.Get(resource.Name);
            var endpoints = resource switch
            {
                ProjectResource project => string.Join("<br>", project.Endpoints.Select(e =>
                    e.Http2Only ? $"{E(e.Name)}: <code>{E(e.Url)}</code>" : $"{E(e.Name)}: <a href=\"{E(e.Url)}\">{E(e.Url)}</a>")),
                IResourceWithConnectionString withConnection =>
                    $"<code>{E(SecretMasking.RedactConnectionString(withConnection.ConnectionString))}</code>",
                _ => "",
            };
            var environment = app.GetEnvironment(resource.Name);
            var details = environment.Count == 0 && snapshot.Message is null ? "" : $"""
                <details><summary>{E(text["details"])}</summary>
                {(snapshot.Message is null ? "" : $"<pre>{E(snapshot.Message)}</pre>")}
                {(environment.Count == 0 ? "" : $"<h4>{E(text["environment"])}</h4>" + AttributeTable(
                    environment.ToDictionary(v => v.Key, v => SecretMasking.MaskVariable(v.Key, v.Value))))}
                </details>
                """;
            var exit = snapshot.ExitCode is { } code ? $" ({code})" : "";
            return $"""
                <tr data-resource="{E(resource.Name)}">
                  <td><a href="/console/{Q(resource.Name)}">{E(resource.Name)}</a></td>
                  <td>{E(resource.Type)}{(snapshot.IsExisting ? " (existing)" : "")}</td>
                  <td class="state-{snapshot.State}">{snapshot.State}{exit}</td>
                  <td class="health-{snapshot.Health}">{snapshot.Health}</td>
                  <td>{endpoints}</td>
                  <td>{(snapshot.StartedAt is { } started ? Time(started) : "")}</td>
                  <td>{details}</td>
                  <td><button type="button" data-restart-url="/api/resources/{Q(resource.Name)}/restart">{E(text["restart"])}</button></td>
                </tr>
                """;
        });
        return $"""
            <table>
              <tr><th>{E(text["name"])}</th><th>{E(text["type"])}</th><th>{E(text["state"])}</th><th>{E(text["health"])}</th>
                  <th>{E(text["endpoints"])}</th><th>{E(text["started"])}</th><th>{E(text["details"])}</th><th></th></tr>
              {string.Concat(rows)}
            </table>
            """;
    }
}
