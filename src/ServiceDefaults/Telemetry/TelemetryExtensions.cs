using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>ActivitySource and Meter name prefix for the platform's own instrumentation.</summary>
    public const string PlatformInstrumentationPrefix = "Platform.";

    // The libraries below instrument themselves with ActivitySource and Meter; the feed has no
    // OpenTelemetry instrumentation packages, and none are needed to listen to these.
    private static readonly string[] TracedSources =
        ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql", "MassTransit", PlatformInstrumentationPrefix + "*"];

    private static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Routing",
        "System.Net.Http", "System.Runtime", "Npgsql", "MassTransit", PlatformInstrumentationPrefix + "*",
    ];

    /// <summary>
    /// Tracing, metrics and logs on the OpenTelemetry SDK. Service name and resource attributes come from
    /// OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, which the AppHost injects; export over OTLP starts only
    /// when OTEL_EXPORTER_OTLP_ENDPOINT is set.
    /// </summary>
    public static TBuilder AddPlatformTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = new ServiceCollectionOpenTelemetryBuilder(builder.Services)
            .WithTracing(tracing => tracing.AddSource(TracedSources))
            .WithMetrics(metrics => metrics.AddMeter(Meters));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            telemetry.UseOtlpExporter();

        builder.Services.AddHostedService<TelemetryProvidersStarter>();
        return builder;
    }
}
