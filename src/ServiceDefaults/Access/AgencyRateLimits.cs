using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Grpc.Protocol;
using Platform.Grpc.Server;

namespace Platform.ServiceDefaults.Access;

/// <summary>How many calls one agency system may make: a token bucket per certificate (<c>RateLimits:*</c>).</summary>
public sealed class AgencyRateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Calls per second a system may sustain.</summary>
    public int CallsPerSecond { get; set; } = 100;

    /// <summary>Calls a system may make at once after being idle.</summary>
    public int Burst { get; set; } = 200;
}

public static class AgencyRateLimits
{
    public const string Policy = "agency-system";

    /// <summary>
    /// One bucket per calling system (its certificate's name, or its address before it is known), so one system's
    /// burst cannot starve the others. A refused call is RESOURCE_EXHAUSTED with a retry-after hint; a bulk load is
    /// one call, so initial loads are not throttled record by record.
    /// </summary>
    public static TBuilder AddAgencyRateLimits<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var limits = builder.Configuration.GetSection(AgencyRateLimitOptions.Section).Get<AgencyRateLimitOptions>() ?? new AgencyRateLimitOptions();
        builder.Services.AddRateLimiter(rateLimiter =>
        {
            rateLimiter.AddPolicy(Policy, context => RateLimitPartition.GetTokenBucketLimiter(
                context.User.Identity?.Name ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Burst,
                    TokensPerPeriod = limits.CallsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                }));
            rateLimiter.OnRejected = (rejected, _) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "1";
                GrpcStatusResponse.Write(rejected.HttpContext.Response, StatusCode.ResourceExhausted,
                    $"Rate limit of {limits.CallsPerSecond} calls per second (bursts of {limits.Burst}) per system exceeded; retry later.");
                return ValueTask.CompletedTask;
            };
        });
        return builder;
    }
}
