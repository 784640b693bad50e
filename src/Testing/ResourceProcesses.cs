using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Testing;

/// <summary>The operating-system processes behind a running model's resources, for tests that kill or freeze one.</summary>
public static class ResourceProcesses
{
    private const string ProcessIdProperty = "executable.pid";

    /// <summary>
    /// The process <paramref name="resource"/> runs as. DCP runs a project through <c>dotnet run --no-build</c>, whose
    /// child is the service itself: for a project that child is returned, so that killing it is a crash of the service.
    /// </summary>
    public static int ProcessIdOf(DistributedApplication app, string resource)
    {
        if (!app.ResourceNotifications.TryGetCurrentState(resource, out var current))
            throw new InvalidOperationException($"'{resource}' has no state yet.");
        if (current.Snapshot.State?.Text != KnownResourceStates.Running)
            throw new InvalidOperationException($"'{resource}' is not running ({current.Snapshot.State?.Text ?? "no state"}).");
        var launcher = current.Snapshot.Properties.FirstOrDefault(p => p.Name == ProcessIdProperty)?.Value switch
        {
            int id => id,
            long id => (int)id,
            string text when int.TryParse(text, out var id) => id,
            var other => throw new InvalidOperationException($"'{resource}' reports no process id ({other ?? "none"}); is it running?"),
        };
        return current.Resource is ProjectResource ? ChildOf(launcher) : launcher;
    }

    private static int ChildOf(int parent)
    {
        foreach (var task in Directory.EnumerateDirectories($"/proc/{parent}/task"))
        {
            var children = File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (children.Length > 0) return int.Parse(children[0]);
        }
        throw new InvalidOperationException($"Process {parent} (dotnet run) has no child process.");
    }
}
