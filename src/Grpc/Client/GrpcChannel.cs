using System.Net;
using System.Net.Security;
using Microsoft.Extensions.Configuration;
using Polly;
using Platform.Grpc.Protocol;

namespace Platform.Grpc.Client;

public sealed class GrpcChannelOptions
{
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Unary calls that end UNAVAILABLE are retried through this pipeline; nothing else is retried.</summary>
    public ResiliencePipeline<object?>? UnavailableRetry { get; set; } = DefaultRetry;

    public static ResiliencePipeline<object?> DefaultRetry { get; } = new ResiliencePipelineBuilder<object?>()
        .AddRetry(new Polly.Retry.RetryStrategyOptions<object?>
        {
            ShouldHandle = new PredicateBuilder<object?>().Handle<RpcException>(e => e.StatusCode == StatusCode.Unavailable),
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromMilliseconds(100),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();
}

/// <summary>
/// A connection to one gRPC server: an HttpClient speaking HTTP/2 (prior knowledge for http://, ALPN for https://),
/// reused across calls; SocketsHttpHandler opens more HTTP/2 connections when the streams of one are used up.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly bool _ownsClient;

    public GrpcChannel(HttpClient http, GrpcChannelOptions? options = null, bool ownsClient = false)
    {
        Http = http;
        Options = options ?? new GrpcChannelOptions();
        _ownsClient = ownsClient;
    }

    public HttpClient Http { get; }
    public GrpcChannelOptions Options { get; }

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null, HttpMessageHandler? handler = null) =>
        new(new HttpClient(handler ?? CreateHandler(), disposeHandler: true)
        {
            BaseAddress = address,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = Timeout.InfiniteTimeSpan,
        }, options, ownsClient: true);

    /// <summary>The address from <c>services:{service}:{endpoint}:0</c>, as an Aspire AppHost injects it.</summary>
    public static GrpcChannel ForService(IConfiguration configuration, string service, string endpoint = "grpc",
        GrpcChannelOptions? options = null, HttpMessageHandler? handler = null)
    {
        var address = configuration[$"services:{service}:{endpoint}:0"]
            ?? throw new InvalidOperationException($"No address for service '{service}': set services__{service}__{endpoint}__0 (the AppHost injects it).");
        return ForAddress(new Uri(address), options, handler);
    }

    /// <summary>The handler channels use; <paramref name="tls"/> for https:// servers that need a client certificate or
    /// a private CA (Platform.Security's <c>PlatformTlsClient.Options</c>).</summary>
    public static SocketsHttpHandler CreateHandler(SslClientAuthenticationOptions? tls = null) => new()
    {
        SslOptions = tls ?? new SslClientAuthenticationOptions(),
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
    };

    public void Dispose()
    {
        if (_ownsClient) Http.Dispose();
    }
}
