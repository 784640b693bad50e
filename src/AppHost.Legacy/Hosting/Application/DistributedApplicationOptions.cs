using Platform.AppHost.Hosting.Processes;

namespace Platform.AppHost.Hosting.Application;

/// <summary>How one AppHost run behaves: where its data lives, whether to wipe it, how it talks to the terminal.</summary>
public sealed record DistributedApplicationOptions
{
    /// <summary>Where the private servers keep their data, logs, pid files and generated passwords.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Wipe the data folder before starting (<c>--fresh</c>).</summary>
    public bool Fresh { get; init; }

    /// <summary>Echo every resource's console output to the terminal, prefixed with its name.</summary>
    public bool EchoResourceLogs { get; init; } = true;

    /// <summary>Ignore fixed ports (tests run beside a development AppHost).</summary>
    public bool RandomizePorts { get; init; }

    public string EnvironmentName { get; init; } = "Development";

    /// <summary>Serve the operations dashboard and have the services export their telemetry to it.</summary>
    public bool DashboardEnabled { get; init; } = true;

    public string[] Args { get; init; } = [];

    public static DistributedApplicationOptions FromArgs(string[] args)
    {
        string? dataDirectory = null;
        var fresh = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--fresh":
                    fresh = true;
                    break;
                case "--data-dir" when i + 1 < args.Length:
                    dataDirectory = args[++i];
                    break;
            }
        }
        return new DistributedApplicationOptions
        {
            DataDirectory = Path.GetFullPath(dataDirectory ?? DataDirectories.Default("apphost")),
            Fresh = fresh,
            Args = args,
        };
    }
}

public static class DataDirectories
{
    /// <summary>
    /// <c>.data/&lt;name&gt;</c> next to Platform.sln. PostgreSQL runs as the 'postgres' user when we are root and
    /// must reach its folder; when the clone sits where only root may enter (say /root), the data goes under
    /// /var/tmp instead.
    /// </summary>
    public static string Default(string name)
    {
        var repository = FindRepositoryRoot(AppContext.BaseDirectory) ?? FindRepositoryRoot(Directory.GetCurrentDirectory());
        var preferred = Path.Combine(repository ?? Directory.GetCurrentDirectory(), ".data", name);
        if (!CurrentUser.IsRoot || OthersCanTraverse(Path.GetDirectoryName(preferred)!)) return preferred;
        var key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(preferred)))[..12];
        return Path.Combine("/var/tmp", $"platform-{key}", name);
    }

    public static string? FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Platform.sln"))) return directory.FullName;
        return null;
    }

    private static bool OthersCanTraverse(string path)
    {
        if (OperatingSystem.IsWindows()) return true;
        for (var directory = new DirectoryInfo(path); directory is not null; directory = directory.Parent)
        {
            if (!directory.Exists) continue;
            if ((directory.UnixFileMode & UnixFileMode.OtherExecute) == 0) return false;
        }
        return true;
    }
}
