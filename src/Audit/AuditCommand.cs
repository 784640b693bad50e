using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Platform.Audit;

/// <summary>
/// <c>dotnet &lt;service&gt;.dll audit verify</c>: verifies the service's audit chain instead of starting the service.
/// Exit code 0 when the chain is intact, 1 when it is broken, 2 when it could not be verified.
/// </summary>
public static class AuditCommand
{
    /// <summary>
    /// Runs the command when <paramref name="args"/> ask for it and returns true (the caller then exits with
    /// <paramref name="exitCode"/>); returns false for any other arguments, so the service starts as usual.
    /// </summary>
    public static bool TryRun(string[] args, IConfiguration configuration, string connectionName, out int exitCode, TextWriter? output = null)
    {
        exitCode = 0;
        if (args is not ["audit", "verify", ..]) return false;

        output ??= Console.Out;
        var connectionString = configuration.GetConnectionString(connectionName);
        if (connectionString is null)
        {
            output.WriteLine($"Connection string '{connectionName}' is missing: set ConnectionStrings__{connectionName}.");
            exitCode = 2;
            return true;
        }

        try
        {
            using var dataSource = NpgsqlDataSource.Create(connectionString);
            // A console command with nothing else to do: blocking here keeps the service's Program.cs synchronous.
            var verification = new AuditChainVerifier(dataSource).VerifyAsync(CancellationToken.None).GetAwaiter().GetResult();
            output.WriteLine(verification);
            exitCode = verification.IsIntact ? 0 : 1;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            output.WriteLine($"The audit chain could not be verified: {exception.Message}");
            exitCode = 2;
        }
        return true;
    }
}
