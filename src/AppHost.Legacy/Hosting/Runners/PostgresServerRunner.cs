using System.Diagnostics;
using Platform.AppHost.Hosting.Logs;
using Platform.AppHost.Hosting.Processes;
using Platform.AppHost.Hosting.Resources;

namespace Platform.AppHost.Hosting.Runners;

/// <summary>
/// A private PostgreSQL cluster in the data folder: initdb on first start, then the postmaster as a child
/// process on a loopback port. PostgreSQL will not run as root, so as root it runs as the 'postgres' user.
/// </summary>
public sealed class PostgresServerRunner(PostgresServerResource server, string dataDirectory, StaleProcessGuard staleProcesses, ResourceLogStream log)
    : ChildProcessRunner(server.Name, staleProcesses, log)
{
    private const string DebianPackage = "postgresql";
    private const string SystemUser = "postgres";

    private string ClusterDirectory => Path.Combine(dataDirectory, "data");
    private string SocketDirectory => Path.Combine(dataDirectory, "run");

    // SIGINT is PostgreSQL's "fast shutdown": roll back open transactions, checkpoint, exit.
    protected override TimeSpan StopGrace => TimeSpan.FromSeconds(30);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var binaries = LocateBinaries();
        await StaleProcesses.StopStaleAsync(server.Name, PosixSignals.SigInt);
        Directory.CreateDirectory(dataDirectory);
        Directory.CreateDirectory(SocketDirectory);
        if (CurrentUser.IsRoot) await RunToCompletionAsync("chown", ["-R", $"{SystemUser}:{SystemUser}", dataDirectory], cancellationToken);

        if (!File.Exists(Path.Combine(ClusterDirectory, "PG_VERSION")))
            await InitializeClusterAsync(binaries, cancellationToken);

        StartProcess(new ProcessSpec(
            Path.Combine(binaries, "postgres"),
            ["-D", ClusterDirectory, "-p", server.Port.ToString(), "-h", "127.0.0.1", "-k", SocketDirectory,
             "-c", "max_connections=300", "-c", "log_min_messages=warning"],
            new Dictionary<string, string>(),
            WorkingDirectory: dataDirectory,
            RunAsUser: SystemUser,
            StopSignal: PosixSignals.SigInt));
    }

    private async Task InitializeClusterAsync(string binaries, CancellationToken cancellationToken)
    {
        // initdb reads the superuser password from a file the postgres user can read; it is removed right after.
        var passwordFile = Path.Combine(dataDirectory, "initdb-password");
        await File.WriteAllTextAsync(passwordFile, server.Password, cancellationToken);
        try
        {
            if (CurrentUser.IsRoot) await RunToCompletionAsync("chown", [$"{SystemUser}:{SystemUser}", passwordFile], cancellationToken);
            await RunToCompletionAsync(Path.Combine(binaries, "initdb"),
                ["-D", ClusterDirectory, "-U", PostgresServerResource.UserName, "--pwfile", passwordFile,
                 "--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"],
                cancellationToken, runAsPostgres: true);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    public override Task<string?> CheckHealthAsync(CancellationToken cancellationToken) =>
        ConnectionProbes.PostgresAsync(server.ConnectionString, cancellationToken);

    private static string LocateBinaries()
    {
        var versioned = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin", "postgres"))
            : [];
        var postgres = BinaryLocator.Require("The PostgreSQL server (postgres, initdb)", DebianPackage,
            versioned.Concat(BinaryLocator.OnPath("postgres")));
        return Path.GetDirectoryName(postgres)!;
    }

    private async Task RunToCompletionAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool runAsPostgres = false)
    {
        var startInfo = new ProcessStartInfo(runAsPostgres && CurrentUser.IsRoot ? "setpriv" : fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAsPostgres && CurrentUser.IsRoot)
        {
            foreach (var argument in new[] { $"--reuid={SystemUser}", $"--regid={SystemUser}", "--init-groups", "--", fileName })
                startInfo.ArgumentList.Add(argument);
        }
        foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        foreach (var line in (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries)) Log.Append(line, isError: false);
        foreach (var line in (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries)) Log.Append(line, isError: true);
        if (process.ExitCode != 0)
            throw new ResourceStartException($"{Path.GetFileName(fileName)} failed with exit code {process.ExitCode}: {(await errors).Trim()}");
    }
}
