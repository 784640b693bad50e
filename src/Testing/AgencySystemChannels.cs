using System.Security.Cryptography.X509Certificates;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Platform.Hosting.Security;
using Platform.Security.Certificates;
using Platform.Security.MutualTls;

namespace Platform.Testing;

/// <summary>gRPC channels to a running platform's services, as an agency system with a development certificate calls them.</summary>
public static class AgencySystemChannels
{
    public const string GrpcEndpointName = "grpc";

    /// <summary>
    /// A channel to <paramref name="service"/>'s gRPC endpoint over TLS, trusting only the platform CA and presenting
    /// the development certificate of <paramref name="systemName"/> (see <see cref="DevelopmentCertificates.Systems"/>),
    /// or none when it is null.
    /// </summary>
    public static GrpcChannel CreateGrpcChannel(this DistributedApplication app, string service, string? systemName) =>
        app.CreateGrpcChannel(service, systemName is null ? null : DevelopmentFiles(app).LoadClientCertificate(systemName));

    public static GrpcChannel CreateGrpcChannel(this DistributedApplication app, string service, X509Certificate2? clientCertificate)
    {
        var platformCa = PemFiles.LoadCertificate(DevelopmentFiles(app).CaCertificatePath);
        return AgencySystemChannel.Create(app.GetEndpoint(service, GrpcEndpointName), platformCa, clientCertificate);
    }

    public static DevelopmentCertificates DevelopmentFiles(this DistributedApplication app) =>
        app.Services.GetRequiredService<PlatformCertificates>().Development
        ?? throw new InvalidOperationException("The platform's certificates come from configuration: there are no development certificates.");
}
