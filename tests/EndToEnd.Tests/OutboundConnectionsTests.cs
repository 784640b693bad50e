using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The platform holds children's data and makes no network call that nobody asked for (no usage telemetry, no update
/// checks, no name lookups): each service, started with the environment the AppHost gave it and traced by strace
/// from its first instruction until it has stopped, connects and sends only to loopback addresses.
/// </summary>
[Collection(SharedPlatformCollection.Name)]
public sealed partial class OutboundConnectionsTests(PlatformFixture platform)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Theory]
    [InlineData("education")]
    [InlineData("health")]
    [InlineData("social")]
    [InlineData("gateway")]
    public async Task A_service_reaches_only_loopback_from_start_to_stop(string service)
    {
        var running = platform.Platform.ProcessIdOf(service);
        var trace = Path.Combine(Path.GetTempPath(), $"outbound-{service}-{Guid.NewGuid():N}.strace");
        var (start, healthUrl) = TracedCopyOf(running, trace);
        using var strace = Process.Start(start)!;
        // Drained so the service never blocks on a full pipe; the last lines explain a failed start.
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        DataReceivedEventHandler keep = (_, line) =>
        {
            if (line.Data is null) return;
            output.Enqueue(line.Data);
            while (output.Count > 40) output.TryDequeue(out string? _);
        };
        strace.OutputDataReceived += keep;
        strace.ErrorDataReceived += keep;
        strace.BeginOutputReadLine();
        strace.BeginErrorReadLine();
        try
        {
            await WaitUntilHealthyAsync(healthUrl, strace, output);
            // The bus is up and every hosted service has started: what a service sends unasked it sends by now.
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
        finally
        {
            // The traced service stops as it would under the AppHost; strace ends with it.
            if (!strace.HasExited) foreach (var child in ChildrenOf(strace.Id)) Signal("TERM", child);
            if (!strace.WaitForExit(TimeSpan.FromSeconds(30))) strace.Kill(entireProcessTree: true);
        }

        var destinations = Destinations(await File.ReadAllLinesAsync(trace)).ToList();
        File.Delete(trace);
        Assert.Contains(destinations, d => IPAddress.IsLoopback(d.Address));
        Assert.All(destinations, d => Assert.True(IPAddress.IsLoopback(d.Address) && d.Port != 53,
            $"{service} sent to {d.Address}:{d.Port}: {d.Line}"));
    }

    /// <summary>The same program with the same environment, on ports of its own, under strace.</summary>
    private static (ProcessStartInfo Start, string HealthUrl) TracedCopyOf(int pid, string traceFile)
    {
        var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var start = new ProcessStartInfo("strace") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = new DirectoryInfo($"/proc/{pid}/cwd").ResolveLinkTarget(true)!.FullName };
        foreach (var argument in new[] { "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", traceFile }.Concat(commandLine))
            start.ArgumentList.Add(argument);
        start.Environment.Clear();
        string? healthUrl = null;
        foreach (var variable in File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = (variable[..variable.IndexOf('=')], variable[(variable.IndexOf('=') + 1)..]);
            if (name == "ASPNETCORE_URLS")
            {
                var urls = value.Split(';').Select(url => new UriBuilder(url) { Port = FreePorts.Allocate() }.Uri.ToString().TrimEnd('/')).ToList();
                healthUrl = urls.FirstOrDefault(url => url.StartsWith("http://")) + "/health";
                value = string.Join(';', urls);
            }
            start.Environment[name] = value;
        }
        return (start, healthUrl ?? throw new InvalidOperationException($"Process {pid} has no http endpoint to check."));
    }

    private static async Task WaitUntilHealthyAsync(string url, Process strace, IEnumerable<string> output)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !strace.HasExited)
        {
            try
            {
                using var response = await Http.GetAsync(url);
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(500);
        }
        Assert.Fail((strace.HasExited ? $"strace exited with {strace.ExitCode}" : "The traced copy was not healthy")
            + $" before {url} answered healthy:\n{string.Join("\n", output)}");
    }

    /// <summary>Every IP destination in strace's connect/sendto/sendmsg lines.</summary>
    private static IEnumerable<(IPAddress Address, int Port, string Line)> Destinations(IEnumerable<string> lines) =>
        from line in lines
        let match = SocketAddress().Match(line)
        where match.Success
        let address = IPAddress.Parse(match.Groups["v4"].Success ? match.Groups["v4"].Value : match.Groups["v6"].Value)
        select (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address, int.Parse(match.Groups["port"].Value), line);

    private static IEnumerable<int> ChildrenOf(int pid) =>
        Directory.GetDirectories($"/proc/{pid}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(int.Parse);

    private static void Signal(string signal, int pid) => Process.Start("kill", [$"-{signal}", pid.ToString()])!.WaitForExit();

    [GeneratedRegex(@"sa_family=AF_INET6?, sin6?_port=htons\((?<port>\d+)\).*?(inet_addr\(""(?<v4>[^""]+)""\)|inet_pton\(AF_INET6, ""(?<v6>[^""]+)"")")]
    private static partial Regex SocketAddress();
}
