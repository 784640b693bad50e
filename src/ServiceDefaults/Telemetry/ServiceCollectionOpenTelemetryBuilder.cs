using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// The SDK's builder extensions (WithTracing, WithMetrics, UseOtlpExporter) hang off this interface; the
/// package that normally implements it (OpenTelemetry.Extensions.Hosting) is not on our feed.
/// </summary>
internal sealed class ServiceCollectionOpenTelemetryBuilder(IServiceCollection services) : IOpenTelemetryBuilder
{
    public IServiceCollection Services { get; } = services;
}
