using System.Text;

namespace Platform.AppHost.Hosting.Processes;

/// <summary>
/// Remembers which process runs each resource, in pid files under the data folder, so that processes left
/// behind by an AppHost that was killed (kill -9 gives it no chance to clean up) are stopped at the next start
/// instead of holding the data folder or ports. A pid is only trusted when the process's environment carries
/// this data folder's marker, so a reused pid never hits an unrelated process.
/// </summary>
public sealed class StaleProcessGuard(string dataDirectory)
{
    public const string MarkerVariable = "PLATFORM_APPHOST_RESOURCE";

    private string PidDirectory => Path.Combine(dataDirectory, "pids");

    public string MarkerFor(string resourceName) => $"{Path.GetFullPath(dataDirectory)}#{resourceName}";

    public void Record(string resourceName, int processId)
    {
        Directory.CreateDirectory(PidDirectory);
        File.WriteAllText(PidFile(resourceName), processId.ToString());
    }

    public void Forget(string resourceName) => File.Delete(PidFile(resourceName));

    public async Task StopStaleAsync(string resourceName, int signal)
    {
        var pidFile = PidFile(resourceName);
        if (!File.Exists(pidFile)) return;
        if (int.TryParse(await File.ReadAllTextAsync(pidFile), out var pid) && CarriesMarker(pid, MarkerFor(resourceName)))
        {
            PosixSignals.Send(pid, signal);
            for (var waited = 0; waited < 300 && Directory.Exists($"/proc/{pid}"); waited++) await Task.Delay(100);
            if (Directory.Exists($"/proc/{pid}")) PosixSignals.Send(pid, PosixSignals.SigKill);
        }
        File.Delete(pidFile);
    }

    public async Task StopAllStaleAsync()
    {
        if (!Directory.Exists(PidDirectory)) return;
        foreach (var pidFile in Directory.GetFiles(PidDirectory, "*.pid"))
            await StopStaleAsync(Path.GetFileNameWithoutExtension(pidFile), PosixSignals.SigTerm);
    }

    private string PidFile(string resourceName) => Path.Combine(PidDirectory, resourceName + ".pid");

    private static bool CarriesMarker(int pid, string marker)
    {
        try
        {
            var environment = File.ReadAllBytes($"/proc/{pid}/environ");
            return Encoding.UTF8.GetString(environment).Split('\0').Contains($"{MarkerVariable}={marker}");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
