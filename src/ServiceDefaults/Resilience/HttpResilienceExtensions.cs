using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace Platform.ServiceDefaults.Resilience;

public static class HttpResilienceExtensions
{
    internal static readonly ResiliencePropertyKey<bool> RetryAllowed = new("platform.retry-allowed");

    /// <summary>
    /// Adds one resilience pipeline per named client: a total timeout, retries with exponential backoff and
    /// jitter for transient failures, a circuit breaker and a per-attempt timeout. The pipeline is kept per
    /// client name (not per handler instance) so the breaker's state survives handler rotation.
    /// </summary>
    public static IHttpClientBuilder AddPlatformResilience(this IHttpClientBuilder http)
    {
        http.Services.AddSingleton<ResiliencePipelineRegistry<string>>();
        var clientName = http.Name;
        return http.AddHttpMessageHandler(services =>
            new ResilienceHandler(services.GetRequiredService<ResiliencePipelineRegistry<string>>()
                .GetOrAddPipeline<HttpResponseMessage>("http:" + clientName, ConfigurePipeline)));
    }

    private static void ConfigurePipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline) => pipeline
        .AddTimeout(TimeSpan.FromSeconds(30))
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = args => ValueTask.FromResult(
                args.Context.Properties.GetValue(RetryAllowed, false) && IsTransient(args.Outcome)),
        })
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = 0.5,
            MinimumThroughput = 10,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = TimeSpan.FromSeconds(5),
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
        })
        .AddTimeout(TimeSpan.FromSeconds(10));

    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            || (int)response.StatusCode >= 500,
        _ => false,
    };
}
