using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Resilience;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.ServiceDefaults;

/// <summary>
/// What every service of the platform shares: telemetry, health endpoints and resilient outgoing HTTP.
/// Database and bus wiring are separate calls (<c>AddPlatformDatabase</c>, <c>AddPlatformMessaging</c>)
/// because not every service owns both.
/// </summary>
public static class Extensions
{
    public const string LiveTag = "live";
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddPlatformTelemetry();

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        builder.Services.ConfigureHttpClientDefaults(http => http.AddPlatformResilience());
        return builder;
    }

    /// <summary>
    /// <c>/health</c> runs every check (database, broker, ...) and is what orchestrators wait on;
    /// <c>/alive</c> runs only the liveness checks, so a dependency outage does not get the process restarted.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseHttpServerSpans();
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteJsonAsync });
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = HealthReportWriter.WriteJsonAsync,
        });
        return app;
    }
}
