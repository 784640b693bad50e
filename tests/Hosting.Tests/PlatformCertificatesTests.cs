using System.Security.Cryptography.X509Certificates;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Security;

namespace Platform.Hosting.Tests;

public sealed class PlatformCertificatesTests : IDisposable
{
    private readonly TestRun _run = new();

    [Fact]
    public async Task Development_certificates_are_created_in_the_data_folder_and_given_to_servers_and_clients()
    {
        var builder = _run.Builder();
        var certificates = builder.AddPlatformCertificates();
        Assert.Same(certificates, builder.AddPlatformCertificates());
        var service = builder.AddExecutable("education", "/bin/true", _run.DataFolder).WithMutualTls(certificates);
        var client = builder.AddExecutable("loader", "/bin/true", _run.DataFolder).WithClientCertificate(certificates, service, "education-national");

        var served = await EnvironmentOf(service.Resource);
        var presented = await EnvironmentOf(client.Resource);

        var folder = Path.Combine(_run.DataFolder, "certificates");
        Assert.StartsWith(folder, served["Security__CaCertificate"]);
        foreach (var key in new[] { "Security__CaCertificate", "Security__ServerCertificate", "Security__ServerKey", "Security__RevocationList" })
            Assert.True(File.Exists(served[key]), key);
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(served["Security__CaCertificate"]));
        using var clientCertificate = X509Certificate2.CreateFromPemFile(
            presented["Security__Clients__education__Certificate"], presented["Security__Clients__education__Key"]);
        Assert.Equal(ca.Subject, clientCertificate.Issuer);
        Assert.Equal(served["Security__CaCertificate"], presented["Security__CaCertificate"]);
    }

    [Fact]
    public async Task Configured_certificates_reach_the_servers_and_no_development_ones_are_made()
    {
        var builder = _run.Builder();
        builder.Configuration["Security:CaCertificate"] = "/etc/platform/ca.crt";
        builder.Configuration["Security:ServerCertificate"] = "/etc/platform/server.crt";
        var certificates = builder.AddPlatformCertificates();
        var service = builder.AddExecutable("education", "/bin/true", _run.DataFolder).WithMutualTls(certificates);
        var client = builder.AddExecutable("loader", "/bin/true", _run.DataFolder).WithClientCertificate(certificates, service, "education-national");

        var served = await EnvironmentOf(service.Resource);
        var presented = await EnvironmentOf(client.Resource);

        Assert.Equal("/etc/platform/ca.crt", served["Security__CaCertificate"]);
        Assert.Equal("/etc/platform/server.crt", served["Security__ServerCertificate"]);
        Assert.DoesNotContain(presented.Keys, key => key.StartsWith("Security__"));
        Assert.False(Directory.Exists(Path.Combine(_run.DataFolder, "certificates")));
    }

    [Fact]
    public void A_client_certificate_for_an_unknown_development_system_is_refused_when_the_model_is_built()
    {
        var builder = _run.Builder();
        var certificates = builder.AddPlatformCertificates();
        var service = builder.AddExecutable("education", "/bin/true", _run.DataFolder);
        Assert.Throws<ArgumentException>(() => builder.AddExecutable("loader", "/bin/true", _run.DataFolder)
            .WithClientCertificate(certificates, service, "nobody-national"));
    }

    /// <summary>What the resource would be started with: its environment callbacks, as a run evaluates them.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> EnvironmentOf(IResourceWithEnvironment resource)
    {
        var variables = new Dictionary<string, object>();
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), resource, variables);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>()) await callback.Callback(context);
        return variables.ToDictionary(v => v.Key, v => (string)v.Value);
    }

    public void Dispose() => _run.Dispose();
}
