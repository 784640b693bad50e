using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Grpc.Core;
using Platform.GrpcApi;

namespace Platform.GrpcApi.Access;

/// <summary>How many calls one caller may make: a token bucket per caller (<c>RateLimits:*</c>).</summary>
public sealed class CallerRateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Calls per second a caller may sustain.</summary>
    public int CallsPerSecond { get; set; } = 100;

    /// <summary>Calls a caller may make at once after being idle.</summary>
    public int Burst { get; set; } = 200;
}

public static class CallerRateLimits
{
    public const string Policy = "per-caller";

    /// <summary>
    /// One bucket per caller — an agency system by its client certificate, a signed-in user by name, anyone else by
    /// address — so one caller's burst cannot starve the others. A refused gRPC call is RESOURCE_EXHAUSTED, a refused
    /// HTTP request 429, both with a retry-after hint; a bulk load is one call, so initial loads are not throttled
    /// record by record. The endpoints opt in with <c>RequireRateLimiting(CallerRateLimits.Policy)</c> and the
    /// service calls <c>app.UseRateLimiter()</c>.
    /// </summary>
    public static TBuilder AddCallerRateLimits<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var limits = builder.Configuration.GetSection(CallerRateLimitOptions.Section).Get<CallerRateLimitOptions>() ?? new CallerRateLimitOptions();
        builder.Services.AddRateLimiter(rateLimiter => rateLimiter.AddPolicy(Policy, new PerCallerPolicy(limits)));
        return builder;
    }

    // The client certificate is on the connection before any authentication scheme has run, so the bucket is the
    // same wherever the rate limiter stands in the pipeline.
    private static string CallerOf(HttpContext context) =>
        context.Connection.ClientCertificate is { } certificate ? "certificate:" + certificate.Thumbprint
        : context.User.Identity is { IsAuthenticated: true, Name: { } name } identity ? $"{identity.AuthenticationType}:{name}"
        : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private sealed class PerCallerPolicy(CallerRateLimitOptions limits) : IRateLimiterPolicy<string>
    {
        private const int RetryAfterSeconds = 1;

        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (rejected, _) =>
        {
            var response = rejected.HttpContext.Response;
            response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            var message = $"Rate limit of {limits.CallsPerSecond} calls per second (bursts of {limits.Burst}) per caller exceeded; retry later.";
            if (GrpcTrailersOnlyResponse.IsGrpcRequest(rejected.HttpContext.Request))
            {
                GrpcTrailersOnlyResponse.Write(response, StatusCode.ResourceExhausted, message);
                return ValueTask.CompletedTask;
            }
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            return new ValueTask(response.WriteAsJsonAsync(new { title = "Too many requests", status = 429, detail = message }));
        };

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
            RateLimitPartition.GetTokenBucketLimiter(CallerOf(httpContext), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.Burst,
                TokensPerPeriod = limits.CallsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
            });
    }
}
