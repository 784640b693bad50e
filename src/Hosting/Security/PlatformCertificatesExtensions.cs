using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Platform.Hosting.DataFolders;
using Platform.Security.Certificates;

namespace Platform.Hosting.Security;

public static class PlatformCertificatesExtensions
{
    /// <summary>The platform's certificates, one set per AppHost however often this is called.</summary>
    public static PlatformCertificates AddPlatformCertificates(this IDistributedApplicationBuilder builder)
    {
        if (builder.Services.FirstOrDefault(s => s.ServiceType == typeof(PlatformCertificates))?.ImplementationInstance is PlatformCertificates existing)
            return existing;
        var certificates = new PlatformCertificates(builder.Configuration, HostingDataFolder.Of(builder));
        builder.Services.AddSingleton(certificates);
        return certificates;
    }

    /// <summary>
    /// The service serves mutual TLS with the platform's server certificate and accepts client certificates of the
    /// platform CA: it gets the <c>Security__*</c> settings (<c>CaCertificate</c>, <c>ServerCertificate</c>,
    /// <c>ServerKey</c>, <c>RevocationList</c>).
    /// </summary>
    public static IResourceBuilder<T> WithMutualTls<T>(this IResourceBuilder<T> service, PlatformCertificates certificates)
        where T : IResourceWithEnvironment =>
        service.WithEnvironment(context => AddSettings(context, certificates.ServerSettings()));

    /// <summary>
    /// The resource calls <paramref name="service"/> as the development agency system <paramref name="systemName"/>:
    /// <c>Security__CaCertificate</c> and <c>Security__Clients__{service}__Certificate</c> / <c>__Key</c>.
    /// </summary>
    public static IResourceBuilder<T> WithClientCertificate<T>(this IResourceBuilder<T> client, PlatformCertificates certificates,
        IResourceBuilder<IResource> service, string systemName)
        where T : IResourceWithEnvironment
    {
        if (!certificates.IsConfigured && DevelopmentCertificates.Systems.All(s => s.SystemName != systemName))
            throw new ArgumentException(
                $"'{systemName}' has no development certificate; the systems are {string.Join(", ", DevelopmentCertificates.Systems.Select(s => s.SystemName))}.",
                nameof(systemName));
        return client.WithEnvironment(context => AddSettings(context, certificates.ClientSettings(service.Resource.Name, systemName)));
    }

    /// <summary>Configuration keys as environment variables: <c>Security:CaCertificate</c> becomes <c>Security__CaCertificate</c>.</summary>
    private static void AddSettings(EnvironmentCallbackContext context, IReadOnlyDictionary<string, string> settings)
    {
        foreach (var (key, value) in settings) context.EnvironmentVariables[key.Replace(":", "__")] = value;
    }
}
