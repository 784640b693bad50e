namespace Platform.AppHost.Hosting.Processes;

public static class CurrentUser
{
    /// <summary>Run as root, servers that refuse root (PostgreSQL) are started as their own system user.</summary>
    public static bool IsRoot => Environment.UserName == "root";
}
