using Microsoft.Extensions.Configuration;
using Platform.Hosting.Binaries;

namespace Platform.Hosting.Postgres;

/// <summary>Debian's PostgreSQL server binaries (package postgresql): the newest /usr/lib/postgresql/N/bin, or a configured folder.</summary>
public sealed record PostgresInstallation(string BinDirectory)
{
    public const string BinDirectoryKey = "Hosting:PostgresBinDirectory";
    private const string DebianPackage = "postgresql";

    public RequiredBinary Postgres => new("The PostgreSQL server (postgres)", Path.Combine(BinDirectory, "postgres"), DebianPackage);
    public RequiredBinary Initdb => new("PostgreSQL's initdb", Path.Combine(BinDirectory, "initdb"), DebianPackage);

    public static PostgresInstallation From(IConfiguration configuration) =>
        new(configuration[BinDirectoryKey] ?? NewestDebianVersion("/usr/lib/postgresql") ?? "/usr/lib/postgresql/15/bin");

    private static string? NewestDebianVersion(string root) =>
        Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Where(d => int.TryParse(Path.GetFileName(d), out _))
                .OrderByDescending(d => int.Parse(Path.GetFileName(d)))
                .Select(d => Path.Combine(d, "bin"))
                .FirstOrDefault(d => File.Exists(Path.Combine(d, "postgres")))
            : null;
}
