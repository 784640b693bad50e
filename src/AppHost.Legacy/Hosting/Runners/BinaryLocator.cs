namespace Platform.AppHost.Hosting.Runners;

internal static class BinaryLocator
{
    /// <summary>The first existing path among the candidates, or a start failure naming the Debian package.</summary>
    public static string Require(string what, string debianPackage, IEnumerable<string> candidates) =>
        candidates.FirstOrDefault(File.Exists)
        ?? throw new ResourceStartException(
            $"{what} was not found. Install the Debian package '{debianPackage}' (apt-get install -y {debianPackage}) " +
            "or give an existing server's connection string in configuration.");

    public static IEnumerable<string> OnPath(string fileName) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, fileName));
}
