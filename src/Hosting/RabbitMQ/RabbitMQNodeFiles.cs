using System.Text.Json;

namespace Platform.Hosting.RabbitMQ;

/// <summary>
/// The node's files in its data folder. Mnesia is kept across starts (durable queues and persistent messages
/// survive); the platform's user and its password are imported from definitions at every boot, so a changed
/// password parameter takes effect without wiping anything.
/// </summary>
public sealed record RabbitMQNodeFiles(string DataDirectory)
{
    public string Home => Path.Combine(DataDirectory, "home");
    public string Mnesia => Path.Combine(DataDirectory, "mnesia");
    public string Logs => Path.Combine(DataDirectory, "log");
    public string ConfigFile => Path.Combine(DataDirectory, "rabbitmq.conf");
    public string AdvancedConfigFile => Path.Combine(DataDirectory, "advanced.config");
    public string EnvironmentFile => Path.Combine(DataDirectory, "rabbitmq-env.conf");
    public string PluginsFile => Path.Combine(DataDirectory, "enabled_plugins");
    public string DefinitionsFile => Path.Combine(DataDirectory, "definitions.json");
    public string PidFile => Path.Combine(DataDirectory, "rabbitmq.pid");

    public async Task WriteAsync(string userName, string password, CancellationToken cancellationToken)
    {
        foreach (var directory in new[] { Home, Mnesia, Logs }) Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(ConfigFile, Configuration(DefinitionsFile), cancellationToken);
        // Empty: nothing of the system's /etc/rabbitmq applies to this node.
        await File.WriteAllTextAsync(EnvironmentFile, "", cancellationToken);
        await File.WriteAllTextAsync(AdvancedConfigFile, "[].\n", cancellationToken);
        await File.WriteAllTextAsync(PluginsFile, "[].\n", cancellationToken);
        await File.WriteAllTextAsync(DefinitionsFile, Definitions(userName, RabbitMQPasswordHash.Compute(password)), cancellationToken);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(DefinitionsFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public static string Configuration(string definitionsFile) => $"""
        loopback_users = none
        log.console = true
        log.console.level = warning
        log.file = false
        load_definitions = {definitionsFile}
        """;

    /// <summary>Only the user, the default virtual host and the user's rights in it: queues are left as Mnesia has them.</summary>
    public static string Definitions(string userName, string passwordHash) => JsonSerializer.Serialize(new
    {
        users = new[] { new { name = userName, password_hash = passwordHash, hashing_algorithm = RabbitMQPasswordHash.Algorithm, tags = new[] { "administrator" } } },
        vhosts = new[] { new { name = "/" } },
        permissions = new[] { new { user = userName, vhost = "/", configure = ".*", write = ".*", read = ".*" } },
    });
}
