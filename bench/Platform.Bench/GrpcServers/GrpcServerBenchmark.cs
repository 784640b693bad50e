using System.Diagnostics;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Bench.Harness;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Interop;

namespace Platform.Bench.GrpcServers;

/// <summary>
/// grpc-dotnet's server against python3-grpcio's (gRPC's C core) for the same grpc.testing service, driven by the same
/// client (grpc-dotnet's) in the same run: unary calls with many in flight, and a server stream.
/// Options: --seconds N (per scenario, default 10), --concurrency N (default 64).
/// </summary>
public sealed class GrpcServerBenchmark : IBenchmark
{
    public string Name => "grpc";
    public string Description => "unary and server-streaming throughput and latency: grpc-dotnet server vs python3-grpcio";

    public async Task RunAsync(string[] args, BenchmarkReport report, CancellationToken cancellationToken)
    {
        var seconds = Options.Int(args, "--seconds", 10);
        var concurrency = Options.Int(args, "--concurrency", 64);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        await using var ours = builder.Build();
        ours.MapGrpcService<InteropTestService>();
        await ours.StartAsync(cancellationToken);

        var descriptors = Path.Combine(Path.GetTempPath(), $"bench-grpc-{Guid.NewGuid():N}.pb");
        await PythonPeer.WriteDescriptorsAsync(descriptors);
        var (python, pythonAddress) = await PythonPeer.StartServerAsync(descriptors);
        try
        {
            var results = new Dictionary<string, double>();
            foreach (var (label, address, process) in new[] { ("grpc-dotnet", new Uri(ours.Urls.First()), Process.GetCurrentProcess()), ("python3-grpcio", pythonAddress, python) })
            {
                using var channel = GrpcChannel.ForAddress(address);
                var client = new TestService.TestServiceClient(channel);
                results[$"unary {label}"] = await UnaryAsync(report, $"unary, {label} server ({concurrency} in flight)", client, seconds, concurrency, process, cancellationToken);
                results[$"stream {label}"] = await StreamingAsync(report, $"server streaming, {label} server (msgs)", client, seconds, process, cancellationToken);
            }
            report.Note($"unary throughput ratio grpc-dotnet / python3-grpcio: {results["unary grpc-dotnet"] / results["unary python3-grpcio"]:F2} (target ≥ 1.0)");
            report.Note($"streaming throughput ratio grpc-dotnet / python3-grpcio: {results["stream grpc-dotnet"] / results["stream python3-grpcio"]:F2}");
            report.Note("Both servers on this machine; one client (grpc-dotnet) drives both; the working set is the serving process's.");
        }
        finally
        {
            python.Kill(entireProcessTree: true);
            File.Delete(descriptors);
        }
    }

    private static async Task<double> UnaryAsync(BenchmarkReport report, string scenario, TestService.TestServiceClient client, int seconds, int concurrency,
        Process server, CancellationToken cancellationToken)
    {
        var request = new SimpleRequest { ResponseSize = 100, Payload = new Payload { Body = ByteString.CopyFrom(new byte[100]) } };
        await client.UnaryCallAsync(request);
        var latencies = new LatencyRecorder();
        var end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var peak = 0L;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < end && !cancellationToken.IsCancellationRequested)
            {
                var before = Stopwatch.GetTimestamp();
                await client.UnaryCallAsync(request);
                latencies.Record(Stopwatch.GetTimestamp() - before);
            }
            server.Refresh();
            Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), server.PeakWorkingSet64));
        }));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var throughput = latencies.Count / elapsed;
        report.Add(new Measurement(scenario, latencies.Count, throughput, latencies.PercentileMilliseconds(50), latencies.PercentileMilliseconds(99),
            peak / 1024.0 / 1024.0));
        return throughput;
    }

    private static async Task<double> StreamingAsync(BenchmarkReport report, string scenario, TestService.TestServiceClient client, int seconds, Process server,
        CancellationToken cancellationToken)
    {
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.AddRange(Enumerable.Range(0, 1000).Select(_ => new ResponseParameters { Size = 100 }));
        var latencies = new LatencyRecorder();
        var messages = 0L;
        var end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() < end && !cancellationToken.IsCancellationRequested)
        {
            var before = Stopwatch.GetTimestamp();
            using var call = client.StreamingOutputCall(request);
            await foreach (var _ in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                latencies.Record(Stopwatch.GetTimestamp() - before);
                before = Stopwatch.GetTimestamp();
                messages++;
            }
        }
        server.Refresh();
        var throughput = messages / Stopwatch.GetElapsedTime(started).TotalSeconds;
        report.Add(new Measurement(scenario, messages, throughput, latencies.PercentileMilliseconds(50), latencies.PercentileMilliseconds(99),
            server.PeakWorkingSet64 / 1024.0 / 1024.0));
        return throughput;
    }

}
