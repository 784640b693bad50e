using System.Security.Cryptography;

namespace Platform.AppHost.Hosting.Application;

/// <summary>
/// Passwords of the private servers, generated once and kept in the data folder (readable by its owner only),
/// because a cluster keeps the password it was initialised with.
/// </summary>
public sealed class DevelopmentSecrets(string dataDirectory)
{
    private string SecretsDirectory => Path.Combine(dataDirectory, "secrets");

    public string PasswordFor(string resourceName)
    {
        var file = Path.Combine(SecretsDirectory, resourceName);
        if (File.Exists(file)) return File.ReadAllText(file).Trim();
        Directory.CreateDirectory(SecretsDirectory);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(SecretsDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // Letters and digits only: the password goes into URIs and config files unescaped.
        var password = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 24);
        File.WriteAllText(file, password);
        return password;
    }
}
