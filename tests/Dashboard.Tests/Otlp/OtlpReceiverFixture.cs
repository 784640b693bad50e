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

    public async Task InitializeAsync()
    {
        var port = FreePorts.Allocate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(port));
        _web = builder.Build();
        _web.MapOtlpHttpReceiver(Store, new OtlpReceiverOptions(ApiKey, MaximumBodyBytes: 256 * 1024));
        await _web.StartAsync();
        BaseAddress = new Uri($"http://localhost:{port}");
    }

    public async Task DisposeAsync()
    {
        if (_web is not null) await _web.DisposeAsync();
    }
}
