namespace Platform.Hosting.Processes;

/// <summary>Servers that refuse to run as root (PostgreSQL) run as their own system user when the AppHost is root.</summary>
public static class SystemUser
{
    public const string SetprivPath = "/usr/bin/setpriv";

    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>
    /// The command line that runs <paramref name="fileName"/> as <paramref name="user"/> when we are root: setpriv
    /// replaces itself with the program, so the program is the direct child of whoever starts it (DCP).
    /// </summary>
    public static (string FileName, IReadOnlyList<string> Arguments) RunAs(string user, string fileName, IReadOnlyList<string> arguments) =>
        IsRoot
            ? (SetprivPath, [$"--reuid={user}", $"--regid={user}", "--init-groups", "--", fileName, .. arguments])
            : (fileName, arguments);

    /// <summary>Gives <paramref name="path"/> and everything below it to <paramref name="user"/> (root only).</summary>
    public static async Task GiveAsync(string path, string user, CancellationToken cancellationToken)
    {
        if (IsRoot) await Command.RunAsync("chown", ["-R", $"{user}:{user}", path], cancellationToken);
    }
}
