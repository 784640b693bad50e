using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Platform.AppHost.Dashboard.Otlp;
using Platform.AppHost.Dashboard.Telemetry;
using Platform.AppHost.Hosting.Processes;

namespace Platform.Dashboard.Tests.Otlp;

/// <summary>The OTLP/HTTP receiver on a real Kestrel port, in front of a fresh store.</summary>
public sealed class OtlpReceiverFixture : IAsyncLifetime
{
    public const string ApiKey = "test-api-key";

    private WebApplication? _web;

    public TelemetryStore Store { get; } = new(new TelemetryStoreOptions());
    public Uri BaseAddress { get; private set; } = null!;
    public Uri GrpcAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = FreePorts.Allocate();
        var grpcPort = FreePorts.Allocate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenLocalhost(port);
            kestrel.ListenLocalhost(grpcPort, listen => listen.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2);
        });
        var options = new OtlpReceiverOptions(ApiKey, MaximumBodyBytes: 256 * 1024);
        builder.Services.AddOtlpGrpcReceiver(Store, options);
        _web = builder.Build();
        _web.MapOtlpHttpReceiver(Store, options);
        _web.MapOtlpGrpcReceiver();
        await _web.StartAsync();
        BaseAddress = new Uri($"http://localhost:{port}");
        GrpcAddress = new Uri($"http://localhost:{grpcPort}");
    }

    public async Task DisposeAsync()
    {
        if (_web is not null) await _web.DisposeAsync();
    }
}
