using Microsoft.Extensions.Configuration;
using Platform.AppHost.Hosting.Resources;
using Platform.Security.Certificates;
using Platform.Security.MutualTls;

namespace Platform.AppHost.Hosting.Security;

/// <summary>
/// The platform CA and server certificate the services' gRPC endpoints use for mutual TLS. In production they come
/// from the AppHost's configuration (<c>Security:CaCertificate</c>, <c>Security:ServerCertificate</c>,
/// <c>Security:ServerKey</c>, <c>Security:RevocationList</c>: PEM paths); otherwise a development CA with a server
/// certificate and client certificates for a few agency systems is created on first start in the data folder's
/// <c>certificates/</c> and reused afterwards.
/// </summary>
public sealed class PlatformCertificates
{
    private readonly IConfigurationSection _configured;
    private readonly List<ProjectResource> _servers = [];
    private readonly List<(ProjectResource Client, string Service, string SystemName)> _clients = [];

    internal PlatformCertificates(IConfiguration configuration) => _configured = configuration.GetSection(PlatformSecurityOptions.Section);

    /// <summary>The development certificates, once the application is built; null when they come from configuration.</summary>
    public DevelopmentCertificates? Development { get; private set; }

    public bool IsConfigured => _configured[nameof(PlatformSecurityOptions.CaCertificate)] is { Length: > 0 };

    internal void Serve(ProjectResource project) => _servers.Add(project);

    /// <summary>
    /// Gives <paramref name="client"/> a development agency system's certificate for calling <paramref name="service"/>:
    /// <c>Security__CaCertificate</c> and <c>Security__Clients__{service}__Certificate</c> / <c>__Key</c>.
    /// </summary>
    internal void Present(ProjectResource client, string service, string systemName) => _clients.Add((client, service, systemName));

    /// <summary>Creates what is missing (after a fresh start wiped the data folder) and tells each server where it is.</summary>
    internal void Prepare(string dataDirectory)
    {
        IEnumerable<KeyValuePair<string, string>> settings;
        if (IsConfigured)
            settings = _configured.GetChildren().Where(s => s.Value is not null).Select(s => KeyValuePair.Create(s.Path, s.Value!));
        else
        {
            Development = DevelopmentCertificates.Ensure(Path.Combine(dataDirectory, "certificates"));
            settings = Development.Configuration;
        }
        foreach (var (key, value) in settings)
        foreach (var server in _servers)
            server.Environment[key.Replace(":", "__")] = value;
        if (Development is null) return;
        foreach (var (client, service, systemName) in _clients)
        {
            client.Environment["Security__CaCertificate"] = Development.CaCertificatePath;
            client.Environment[$"Security__Clients__{service}__Certificate"] = Development.ClientCertificatePath(systemName);
            client.Environment[$"Security__Clients__{service}__Key"] = Development.ClientKeyPath(systemName);
        }
    }
}
