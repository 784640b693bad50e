using System.Diagnostics;
using System.Net;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Interop;

namespace Platform.GrpcApi.Tests.Interop;

/// <summary>
/// grpc-dotnet's interop server on Kestrel, and Debian's python3-grpcio (gRPC's C core) as the independent implementation,
/// both speaking grpc.testing from the same .proto.
/// </summary>
public sealed class InteropFixture : IAsyncLifetime
{
    private WebApplication? _ours;
    private Process? _python;

    public Uri OurAddress { get; private set; } = null!;
    public Uri PythonAddress { get; private set; } = null!;
    public string DescriptorsFile { get; } = Path.Combine(Path.GetTempPath(), $"grpc-testing-{Guid.NewGuid():N}.pb");

    public async Task InitializeAsync()
    {
        await PythonPeer.WriteDescriptorsAsync(DescriptorsFile);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        _ours = builder.Build();
        _ours.MapGrpcService<InteropTestService>();
        await _ours.StartAsync();
        OurAddress = new Uri(_ours.Urls.First());

        (_python, PythonAddress) = await PythonPeer.StartServerAsync(DescriptorsFile);
    }

    /// <summary>Runs the Python client's cases against our server; case name → "ok" or what failed.</summary>
    public async Task<Dictionary<string, string>> RunPythonClientAsync(IEnumerable<string> cases)
    {
        using var client = Process.Start(new ProcessStartInfo(PythonPeer.Python,
            [PythonPeer.Script, "client", "--target", $"{OurAddress.Host}:{OurAddress.Port}", "--descriptors", DescriptorsFile, "--cases", string.Join(',', cases)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await client.StandardOutput.ReadToEndAsync();
        var errors = await client.StandardError.ReadToEndAsync();
        await client.WaitForExitAsync();
        return System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(output)
            ?? throw new InvalidOperationException($"The Python client printed nothing: {errors}");
    }

    public async Task DisposeAsync()
    {
        if (_python is { HasExited: false }) _python.Kill(entireProcessTree: true);
        _python?.Dispose();
        if (_ours is not null) await _ours.DisposeAsync();
        File.Delete(DescriptorsFile);
    }
}
