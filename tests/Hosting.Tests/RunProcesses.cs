namespace Platform.Hosting.Tests;

/// <summary>A running process, told apart from a later one with the same id by its start time.</summary>
public sealed record RunProcess(int Pid, long StartTicks, string Name, string CommandLine)
{
    public bool IsStillRunning => Read(Pid) is { } now && now.StartTicks == StartTicks;

    /// <summary>
    /// The processes of one test run: those whose command line names its data folder, and those started with the
    /// hosting marker under it (which the servers' children inherit, and epmd carries although its command line
    /// names only a port).
    /// </summary>
    public static IReadOnlyList<RunProcess> Of(string dataFolder) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? Read(pid) : null)
            .OfType<RunProcess>()
            .Where(p => p.CommandLine.Contains(dataFolder) || HasMarkerUnder(p.Pid, dataFolder))
            .ToList();

    private static bool HasMarkerUnder(int pid, string dataFolder) =>
        TryRead($"/proc/{pid}/environ")?.Split('\0').Any(v => v.StartsWith($"PLATFORM_HOSTING_DATA={dataFolder}/")) ?? false;

    private static RunProcess? Read(int pid)
    {
        var stat = TryRead($"/proc/{pid}/stat");
        if (stat is null) return null;
        // The name is in parentheses and may hold spaces; the start time is the 22nd field, the 20th after it.
        var afterName = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
        var commandLine = TryRead($"/proc/{pid}/cmdline")?.Replace('\0', ' ').Trim() ?? "";
        return new RunProcess(pid, long.Parse(afterName[19]), name, commandLine);
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
