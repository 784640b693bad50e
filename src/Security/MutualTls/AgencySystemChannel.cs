using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;

namespace Platform.Security.MutualTls;

/// <summary>A gRPC channel as an agency system opens one to the platform: mutual TLS against the platform CA.</summary>
public static class AgencySystemChannel
{
    /// <summary>
    /// A channel to <paramref name="address"/> trusting only servers the platform CA issued and presenting
    /// <paramref name="clientCertificate"/> (none: the server still answers, UNAUTHENTICATED). Calls that end UNAVAILABLE
    /// (a service restarting) are retried a few times with backoff; nothing else is retried.
    /// </summary>
    public static GrpcChannel Create(Uri address, X509Certificate2 platformCa, X509Certificate2? clientCertificate) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                SslOptions = PlatformTlsClient.Options(platformCa, clientCertificate),
                EnableMultipleHttp2Connections = true,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
                KeepAlivePingDelay = TimeSpan.FromSeconds(60),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            },
            ServiceConfig = new ServiceConfig { MethodConfigs = { RetryUnavailable } },
        });

    private static readonly MethodConfig RetryUnavailable = new()
    {
        Names = { MethodName.Default },
        RetryPolicy = new RetryPolicy
        {
            MaxAttempts = 4,
            InitialBackoff = TimeSpan.FromMilliseconds(100),
            MaxBackoff = TimeSpan.FromSeconds(1),
            BackoffMultiplier = 2,
            RetryableStatusCodes = { Grpc.Core.StatusCode.Unavailable },
        },
    };
}
