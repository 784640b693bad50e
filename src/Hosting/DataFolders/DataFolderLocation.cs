using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Platform.Hosting.Processes;

namespace Platform.Hosting.DataFolders;

/// <summary>Where the data folder is and whether to wipe it; <see cref="MovedBecause"/> says why it is not where it was asked for.</summary>
public sealed record DataFolderLocation(string Path, bool Fresh, string? MovedBecause = null)
{
    /// <summary>Configuration keys, the same as the arguments <c>--data-dir DIR</c> and <c>--fresh</c>.</summary>
    public const string DirectoryKey = "Hosting:DataDirectory";
    public const string FreshKey = "Hosting:Fresh";

    public static DataFolderLocation Resolve(IReadOnlyList<string> arguments, IConfiguration configuration)
    {
        var (directory, fresh) = ParseArguments(arguments);
        directory ??= configuration[DirectoryKey];
        fresh |= configuration.GetValue<bool>(FreshKey);
        return directory is not null
            ? new DataFolderLocation(System.IO.Path.GetFullPath(directory), fresh)
            : Default(fresh, SystemUser.IsRoot, AppContext.BaseDirectory, Directory.GetCurrentDirectory());
    }

    /// <summary><c>--data-dir DIR</c> and <c>--fresh</c>; other arguments are Aspire's or the AppHost's own.</summary>
    public static (string? Directory, bool Fresh) ParseArguments(IReadOnlyList<string> arguments)
    {
        string? directory = null;
        var fresh = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] == "--fresh") fresh = true;
            else if (arguments[i] == "--data-dir" && i + 1 < arguments.Count) directory = arguments[++i];
        }
        return (directory, fresh);
    }

    /// <summary>
    /// <c>.data/apphost</c> beside Platform.sln. Run as root, PostgreSQL runs as the 'postgres' user, which must be
    /// able to enter every folder above its data; when the clone is where only root may enter (say /root), the data
    /// goes under /var/tmp instead, in a folder named after the one it replaces.
    /// </summary>
    public static DataFolderLocation Default(bool fresh, bool isRoot, params string[] searchFrom)
    {
        var repository = searchFrom.Select(FindRepositoryRoot).FirstOrDefault(root => root is not null) ?? searchFrom[^1];
        var preferred = System.IO.Path.Combine(repository, ".data", "apphost");
        if (!isRoot || OthersCanEnter(repository)) return new DataFolderLocation(preferred, fresh);

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(preferred)))[..12].ToLowerInvariant();
        var moved = System.IO.Path.Combine("/var/tmp", $"platform-{key}", "apphost");
        return new DataFolderLocation(moved, fresh,
            $"The data folder is {moved}, not {preferred}: the 'postgres' user cannot enter {repository}.");
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Platform.sln"))) return directory.FullName;
        return null;
    }

    private static bool OthersCanEnter(string path)
    {
        for (var directory = new DirectoryInfo(path); directory is not null; directory = directory.Parent)
            if (directory.Exists && (directory.UnixFileMode & UnixFileMode.OtherExecute) == 0) return false;
        return true;
    }
}
