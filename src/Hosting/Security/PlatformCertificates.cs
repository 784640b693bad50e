using Microsoft.Extensions.Configuration;
using Platform.Hosting.DataFolders;
using Platform.Security.Certificates;
using Platform.Security.MutualTls;

namespace Platform.Hosting.Security;

/// <summary>
/// The platform CA and server certificate the services' gRPC endpoints use for mutual TLS. In production they come
/// from the AppHost's configuration (<c>Security:CaCertificate</c>, <c>Security:ServerCertificate</c>,
/// <c>Security:ServerKey</c>, <c>Security:RevocationList</c>: PEM paths); otherwise a development CA with a server
/// certificate and client certificates for a few agency systems is created in the data folder's
/// <c>certificates/</c> when a resource first needs it, and reused by later runs.
/// </summary>
public sealed class PlatformCertificates
{
    private readonly IConfigurationSection _configured;
    private readonly Lazy<DevelopmentCertificates> _development;

    internal PlatformCertificates(IConfiguration configuration, HostingDataFolder dataFolder)
    {
        _configured = configuration.GetSection(PlatformSecurityOptions.Section);
        // After the data folder was wiped (--fresh), never before: resources ask for it when they start.
        _development = new Lazy<DevelopmentCertificates>(() => DevelopmentCertificates.Ensure(dataFolder.Prepare("certificates")));
    }

    public bool IsConfigured => _configured[nameof(PlatformSecurityOptions.CaCertificate)] is { Length: > 0 };

    /// <summary>The development certificates, created if missing; null when they come from configuration.</summary>
    public DevelopmentCertificates? Development => IsConfigured ? null : _development.Value;

    /// <summary>The <c>Security:*</c> settings a service serving mutual TLS is given.</summary>
    public IReadOnlyDictionary<string, string> ServerSettings() =>
        Development?.Configuration
        ?? _configured.GetChildren().Where(s => s.Value is not null).ToDictionary(s => s.Path, s => s.Value!);

    /// <summary>
    /// The settings with which a client calls <paramref name="service"/> as the development agency system
    /// <paramref name="systemName"/>; none when the certificates are configured (a production client has its own).
    /// </summary>
    public IReadOnlyDictionary<string, string> ClientSettings(string service, string systemName) =>
        Development is not { } development
            ? new Dictionary<string, string>()
            : new Dictionary<string, string>
            {
                [$"{PlatformSecurityOptions.Section}:{nameof(PlatformSecurityOptions.CaCertificate)}"] = development.CaCertificatePath,
                [$"{PlatformSecurityOptions.Section}:Clients:{service}:Certificate"] = development.ClientCertificatePath(systemName),
                [$"{PlatformSecurityOptions.Section}:Clients:{service}:Key"] = development.ClientKeyPath(systemName),
            };
}
