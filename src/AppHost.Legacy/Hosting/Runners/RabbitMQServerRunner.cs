using Platform.AppHost.Hosting.Logs;
using Platform.AppHost.Hosting.Processes;
using Platform.AppHost.Hosting.Resources;

namespace Platform.AppHost.Hosting.Runners;

/// <summary>
/// A private RabbitMQ node in the data folder: its own node name, ports, Mnesia and log directories and config
/// file, so it never meets the system's node. Erlang's port mapper (epmd) would otherwise daemonise itself and
/// outlive us, so it runs as our own child on a private port and stops with the node.
/// </summary>
public sealed class RabbitMQServerRunner : ChildProcessRunner
{
    private const string DebianPackage = "rabbitmq-server";

    private readonly RabbitMQServerResource _server;
    private readonly string _dataDirectory;
    private readonly EpmdRunner _epmd;

    public RabbitMQServerRunner(RabbitMQServerResource server, string dataDirectory, StaleProcessGuard staleProcesses, ResourceLogStore logs)
        : base(server.Name, staleProcesses, logs.For(server.Name))
    {
        _server = server;
        _dataDirectory = dataDirectory;
        _epmd = new EpmdRunner($"{server.Name}-epmd", server.EpmdPort, staleProcesses, logs.For(server.Name));
    }

    private string NodeName => $"{_server.Name}@localhost";

    // rabbitmq-server traps SIGTERM and runs 'rabbitmqctl stop', which syncs Mnesia and the message store.
    protected override TimeSpan StopGrace => TimeSpan.FromSeconds(40);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var server = BinaryLocator.Require("The RabbitMQ server (rabbitmq-server)", DebianPackage,
            ["/usr/lib/rabbitmq/bin/rabbitmq-server", .. BinaryLocator.OnPath("rabbitmq-server")]);
        await StaleProcesses.StopStaleAsync(_server.Name, PosixSignals.SigTerm);
        await _epmd.StartAsync(cancellationToken);

        var home = Path.Combine(_dataDirectory, "home");
        foreach (var directory in new[] { home, MnesiaDirectory, LogDirectory }) Directory.CreateDirectory(directory);
        var configFile = Path.Combine(_dataDirectory, "rabbitmq.conf");
        await File.WriteAllTextAsync(configFile, RabbitMQConfiguration.Render(_server), cancellationToken);
        var pluginsFile = Path.Combine(_dataDirectory, "enabled_plugins");
        await File.WriteAllTextAsync(pluginsFile, "[].\n", cancellationToken);

        StartProcess(new ProcessSpec(server, [], new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["RABBITMQ_NODENAME"] = NodeName,
            ["RABBITMQ_MNESIA_BASE"] = MnesiaDirectory,
            ["RABBITMQ_LOG_BASE"] = LogDirectory,
            ["RABBITMQ_LOGS"] = "-",
            ["RABBITMQ_CONFIG_FILE"] = configFile,
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = pluginsFile,
            ["RABBITMQ_DIST_PORT"] = _server.DistributionPort.ToString(),
            ["ERL_EPMD_PORT"] = _server.EpmdPort.ToString(),
        }, WorkingDirectory: _dataDirectory));
    }

    private string MnesiaDirectory => Path.Combine(_dataDirectory, "mnesia");
    private string LogDirectory => Path.Combine(_dataDirectory, "log");

    public override Task<string?> CheckHealthAsync(CancellationToken cancellationToken) =>
        ConnectionProbes.RabbitMQAsync(_server.ConnectionString, cancellationToken);

    /// <summary>Every queue's depth and consumers, asked of the node with rabbitmqctl (no management plugin needed).</summary>
    public async Task<IReadOnlyList<QueueDepth>> ListQueuesAsync(CancellationToken cancellationToken)
    {
        var startInfo = new System.Diagnostics.ProcessStartInfo("/usr/lib/rabbitmq/bin/rabbitmqctl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-n", NodeName, "-q", "list_queues", "name", "messages_ready", "messages_unacknowledged", "consumers", "--no-table-headers" })
            startInfo.ArgumentList.Add(argument);
        startInfo.Environment["HOME"] = Path.Combine(_dataDirectory, "home");
        startInfo.Environment["ERL_EPMD_PORT"] = _server.EpmdPort.ToString();
        // If the node is stopping and our epmd is gone, rabbitmqctl would start a daemonised epmd that outlives us.
        startInfo.Environment["RABBITMQ_CTL_ERL_ARGS"] = "-start_epmd false";
        using var process = System.Diagnostics.Process.Start(startInfo)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode != 0 ? [] : QueueDepth.ParseList(output);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await _epmd.StopAsync(cancellationToken);
    }

    /// <summary>Erlang's port mapper in the foreground, as a child we can stop.</summary>
    private sealed class EpmdRunner(string name, int port, StaleProcessGuard staleProcesses, ResourceLogStream log)
        : ChildProcessRunner(name, staleProcesses, log)
    {
        public override async Task StartAsync(CancellationToken cancellationToken)
        {
            var epmd = BinaryLocator.Require("Erlang's port mapper (epmd)", "erlang-base",
                ["/usr/bin/epmd", .. BinaryLocator.OnPath("epmd")]);
            await StaleProcesses.StopStaleAsync(ResourceName, PosixSignals.SigTerm);
            StartProcess(new ProcessSpec(epmd, ["-port", port.ToString(), "-address", "127.0.0.1"], new Dictionary<string, string>()));
        }

        public override Task<string?> CheckHealthAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
    }
}

/// <summary>The node's rabbitmq.conf: loopback only, the platform's user, nothing else from the system.</summary>
public static class RabbitMQConfiguration
{
    public static string Render(RabbitMQServerResource server) => $"""
        listeners.tcp.default = 127.0.0.1:{server.Port}
        default_user = {RabbitMQServerResource.UserName}
        default_pass = {server.Password}
        loopback_users = none
        log.console = true
        log.console.level = warning
        log.file = false
        """;
}

public sealed record QueueDepth(string Queue, long Ready, long Unacknowledged, long Consumers)
{
    /// <summary>rabbitmqctl list_queues output: one tab-separated line per queue.</summary>
    public static IReadOnlyList<QueueDepth> ParseList(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length == 4 && fields[1..].All(f => long.TryParse(f, out _)))
            .Select(fields => new QueueDepth(fields[0], long.Parse(fields[1]), long.Parse(fields[2]), long.Parse(fields[3])))
            .ToList();
}
