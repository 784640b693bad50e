using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Platform.Security.Certificates;

namespace Platform.Security.MutualTls;

/// <summary>The client side of mutual TLS: present an agency system's certificate, trust only servers the platform CA issued.</summary>
public static class PlatformTlsClient
{
    /// <summary>
    /// For <c>SocketsHttpHandler.SslOptions</c> (e.g. <see cref="AgencySystemChannel.Create"/>). Without
    /// <paramref name="clientCertificate"/> the client only checks the server.
    /// </summary>
    public static SslClientAuthenticationOptions Options(X509Certificate2 platformCa, X509Certificate2? clientCertificate = null, TimeProvider? clock = null) => new()
    {
        ClientCertificateContext = clientCertificate is null ? null : SslStreamCertificateContext.Create(clientCertificate, additionalCertificates: null, offline: true),
        RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            IsPlatformServer(certificate as X509Certificate2, errors, platformCa, (clock ?? TimeProvider.System).GetUtcNow()),
    };

    // The OS does not trust the platform CA, so a chain error from SslStream is expected and the chain is checked
    // here instead; a host name that does not match the certificate is still refused.
    private static bool IsPlatformServer(X509Certificate2? certificate, SslPolicyErrors errors, X509Certificate2 platformCa, DateTimeOffset now) =>
        certificate is not null
        && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None
        && PlatformChain.Verify(certificate, platformCa, now, KeyUsages.ServerAuthenticationOid) == X509ChainStatusFlags.NoError;
}
