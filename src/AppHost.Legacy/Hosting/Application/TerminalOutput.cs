using Platform.AppHost.Hosting.Logs;
using Platform.AppHost.Hosting.Orchestration;
using Platform.AppHost.Hosting.Resources;
using Spectre.Console;

namespace Platform.AppHost.Hosting.Application;

/// <summary>What the AppHost prints: resource output prefixed with its name, and the table of resources.</summary>
internal static class TerminalOutput
{
    private static readonly string[] Colors = ["cyan", "green", "yellow", "magenta", "blue", "aqua", "lime", "orange1", "violet"];
    private static readonly Lock Gate = new();

    static TerminalOutput()
    {
        // Redirected output (CI, a log file) must not be wrapped at Spectre's default 80 columns.
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 240;
    }

    public static void Echo(LogLine line)
    {
        var color = Colors[(int)((uint)StringComparer.Ordinal.GetHashCode(line.Resource) % Colors.Length)];
        lock (Gate)
            AnsiConsole.MarkupLine($"[{color}]{Markup.Escape(line.Resource),-12}[/] {(line.IsError ? "[red]" : "")}{Markup.Escape(line.Text)}{(line.IsError ? "[/]" : "")}");
    }

    public static void Info(string text)
    {
        lock (Gate) AnsiConsole.MarkupLine($"[bold]apphost[/]      {Markup.Escape(text)}");
    }

    public static void ResourceTable(IReadOnlyList<ResourceSnapshot> snapshots, IReadOnlyList<Resource> resources)
    {
        var table = new Table().AddColumns("Resource", "Type", "State", "Health", "Address");
        foreach (var resource in resources)
        {
            var snapshot = snapshots.First(s => s.Name == resource.Name);
            var address = resource switch
            {
                ProjectResource project => string.Join("\n", project.Endpoints.Select(e => $"{e.Name}: {e.Url}")),
                IResourceWithConnectionString withConnection => SecretMasking.RedactConnectionString(withConnection.ConnectionString),
                _ => "",
            };
            var state = snapshot.HasFailed ? $"[red]{snapshot.State}[/]" : snapshot.State.ToString();
            table.AddRow(Markup.Escape(resource.Name), Markup.Escape(resource.Type + (snapshot.IsExisting ? " (existing)" : "")),
                state, snapshot.Health.ToString(), Markup.Escape(address));
        }
        lock (Gate) AnsiConsole.Write(table);
    }
}
