namespace Platform.Hosting.Processes;

/// <summary>
/// Processes a previous run left behind when its orchestrator (DCP) itself was killed: they still hold the data
/// directory and ports. Each local server is started with <see cref="MarkerVariable"/> set to its data folder, which
/// its own children inherit, so they are found by their environment (as root or as their owner), whatever their
/// command lines say.
/// </summary>
public static class StaleProcesses
{
    public const string MarkerVariable = "PLATFORM_HOSTING_DATA";

    /// <summary>SIGTERM to every process marked with <paramref name="dataFolder"/>, then SIGKILL to those still there after the grace.</summary>
    public static async Task StopAsync(string dataFolder, TimeSpan grace, CancellationToken cancellationToken)
    {
        var stale = Find(dataFolder);
        if (stale.Count == 0) return;
        foreach (var pid in stale) Signal(pid, "TERM");
        var deadline = DateTime.UtcNow + grace;
        while (DateTime.UtcNow < deadline && stale.Any(IsAlive)) await Task.Delay(200, cancellationToken);
        foreach (var pid in stale.Where(IsAlive)) Signal(pid, "KILL");
    }

    public static IReadOnlyList<int> Find(string dataFolder)
    {
        var marker = $"{MarkerVariable}={dataFolder}";
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(directory, "environ")).Split('\0').Contains(marker)) found.Add(pid);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to read.
            }
        }
        return found;
    }

    private static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}");

    private static void Signal(int pid, string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-s", signal, pid.ToString()]);
        kill.WaitForExit();
    }
}
