using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Platform.Hosting.Processes;

namespace Platform.Hosting.Postgres;

/// <summary>
/// Gets the cluster ready before the postmaster starts: initdb on the first start, and the superuser's password
/// set again (in single-user mode) when the password parameter changed since the last start.
/// </summary>
internal sealed class PostgresCluster(LocalPostgresServerResource server)
{
    private const string SystemUserName = "postgres";

    private string PasswordFingerprintFile => Path.Combine(server.DataDirectory, "password.sha256");

    public async Task PrepareAsync(string password, ILogger logger, CancellationToken cancellationToken)
    {
        server.Installation.Postgres.EnsureInstalled();
        server.Installation.Initdb.EnsureInstalled();
        Directory.CreateDirectory(server.DataDirectory);
        await SystemUser.GiveAsync(server.DataDirectory, SystemUserName, cancellationToken);

        var fingerprint = Fingerprint(password);
        if (!File.Exists(Path.Combine(server.ClusterDirectory, "PG_VERSION")))
        {
            logger.LogInformation("Creating the cluster in {ClusterDirectory}", server.ClusterDirectory);
            await InitializeAsync(password, cancellationToken);
        }
        else if (!File.Exists(PasswordFingerprintFile) || await File.ReadAllTextAsync(PasswordFingerprintFile, cancellationToken) != fingerprint)
        {
            logger.LogInformation("The password parameter changed: setting it on the cluster");
            await ResetPasswordAsync(password, cancellationToken);
        }
        await File.WriteAllTextAsync(PasswordFingerprintFile, fingerprint, cancellationToken);
    }

    /// <summary>Whether the cluster's password is the parameter's, without keeping the password itself on disk.</summary>
    public static string Fingerprint(string password) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"platform-hosting-postgres:{password}")));

    private async Task InitializeAsync(string password, CancellationToken cancellationToken)
    {
        // initdb reads the password from a file only the postgres user can read; it is removed right after.
        var passwordFile = Path.Combine(server.DataDirectory, "initdb-password");
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            await SystemUser.GiveAsync(passwordFile, SystemUserName, cancellationToken);
            await RunAsPostgresAsync(server.Installation.Initdb.Path,
                ["-D", server.ClusterDirectory, "-U", LocalPostgresServerResource.UserName, "--pwfile", passwordFile,
                 "--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"],
                cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private Task ResetPasswordAsync(string password, CancellationToken cancellationToken) =>
        RunAsPostgresAsync(server.Installation.Postgres.Path,
            ["--single", "-D", server.ClusterDirectory, "-c", "unix_socket_directories=", "postgres"],
            cancellationToken,
            $"ALTER USER {LocalPostgresServerResource.UserName} PASSWORD '{password.Replace("'", "''")}';\n");

    private static Task RunAsPostgresAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken, string? standardInput = null)
    {
        var (command, commandArguments) = SystemUser.RunAs(SystemUserName, fileName, arguments);
        return Command.RunAsync(command, commandArguments, cancellationToken, standardInput);
    }
}
