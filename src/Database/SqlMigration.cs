using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Database;

/// <summary>
/// One versioned SQL script, named <c>NNNN_description.sql</c> in a Migrations folder. Versions count within a
/// component: the platform's own tables (outbox, inbox) and each service's tables evolve independently.
/// </summary>
public sealed partial record SqlMigration(string Component, int Version, string Name, string Sql)
{
    public const string ResourcePrefix = "migrations/";

    // Computed, not stored: a stored value would be copied unchanged by `with { Sql = ... }`.
    public string Checksum => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));

    public static SqlMigration FromFile(string component, string fileName, string sql)
    {
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
            throw new InvalidOperationException($"Migration '{fileName}' must be named NNNN_description.sql.");
        return new SqlMigration(component, int.Parse(match.Groups["version"].Value), match.Groups["name"].Value, sql);
    }

    /// <summary>Migrations embedded as <c>migrations/NNNN_name.sql</c> (see src/Directory.Build.targets), in version order.</summary>
    public static IReadOnlyList<SqlMigration> LoadEmbedded(Assembly assembly, string component)
    {
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(name =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                return FromFile(component, name[ResourcePrefix.Length..], reader.ReadToEnd());
            })
            .OrderBy(migration => migration.Version)
            .ToList();

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two migrations share version {duplicate.Key}.");
        return migrations;
    }

    [GeneratedRegex(@"^(?<version>\d+)_(?<name>[\w\-]+)\.sql$")]
    private static partial Regex FileNamePattern();
}
