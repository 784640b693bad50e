using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Security.Certificates;

namespace Platform.Security.Tests;

public sealed class DevelopmentCertificatesTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"platform-dev-certs-{Guid.NewGuid():N}");

    [Fact]
    public void Creates_the_CA_and_certificates_once_and_reuses_them()
    {
        var first = Thumbprints(DevelopmentCertificates.Ensure(_folder));
        var second = Thumbprints(DevelopmentCertificates.Ensure(_folder));
        Assert.Equal(first, second);
        Assert.Equal(2 + DevelopmentCertificates.Systems.Count, first.Count);
    }

    [Fact]
    public void Issues_only_what_is_missing()
    {
        var files = DevelopmentCertificates.Ensure(_folder);
        var before = Thumbprints(files);
        var system = DevelopmentCertificates.Systems[0].SystemName;
        File.Delete(files.ClientKeyPath(system));

        var after = Thumbprints(DevelopmentCertificates.Ensure(_folder));
        Assert.NotEqual(before[system], after[system]);
        Assert.Equal(before.Where(p => p.Key != system), after.Where(p => p.Key != system));
    }

    [Fact]
    public void A_new_CA_reissues_everything()
    {
        var files = DevelopmentCertificates.Ensure(_folder);
        var before = Thumbprints(files);
        File.Delete(files.CaKeyPath);

        var after = Thumbprints(DevelopmentCertificates.Ensure(_folder));
        Assert.All(before, pair => Assert.NotEqual(pair.Value, after[pair.Key]));
    }

    [Fact]
    public void Every_client_certificate_is_accepted_for_its_system()
    {
        var files = DevelopmentCertificates.Ensure(_folder);
        var ca = PemFiles.LoadCertificate(files.CaCertificatePath);
        var rules = new AgencyCertificateRules(PlatformRevocationList.LoadPemFile(files.RevocationListPath, ca));
        foreach (var system in DevelopmentCertificates.Systems)
        {
            using var certificate = files.LoadClientCertificate(system.SystemName);
            Assert.Equal(X509ChainStatusFlags.NoError, PlatformChain.Verify(certificate, ca, DateTimeOffset.UtcNow, KeyUsages.ClientAuthenticationOid));
            var validation = rules.Check(certificate);
            Assert.True(validation.IsValid, validation.Failure);
            Assert.Equal(system, validation.Caller);
        }
    }

    [Fact]
    public async Task A_service_configured_with_the_files_authenticates_their_client_certificates()
    {
        var files = DevelopmentCertificates.Ensure(_folder);
        await using var web = await MutualTlsServer.StartAgencyServiceAsync(files.Configuration, TimeProvider.System, NullLoggerProvider.Instance);
        using var ca = PemFiles.LoadCertificate(files.CaCertificatePath);
        using var certificate = files.LoadClientCertificate("health-almaty");
        using var client = MutualTlsServer.Client(new Uri(web.Urls.First()), ca, certificate);

        Assert.Equal("health-almaty health  750000000", await client.GetStringAsync("/whoami"));
    }

    [Fact]
    public void Revoking_adds_to_the_list_and_numbers_it_anew()
    {
        var files = DevelopmentCertificates.Ensure(_folder);
        using var first = files.LoadClientCertificate("education-national");
        using var second = files.LoadClientCertificate("health-almaty");
        files.Revoke(first);
        files.Revoke(second);

        using var ca = PemFiles.LoadCertificate(files.CaCertificatePath);
        var list = PlatformRevocationList.LoadPemFile(files.RevocationListPath, ca);
        Assert.Equal(3, list.Number);
        Assert.NotNull(list.RevokedAt(first));
        Assert.NotNull(list.RevokedAt(second));
        using var other = files.LoadClientCertificate("social-national");
        Assert.Null(list.RevokedAt(other));
        Assert.False(new AgencyCertificateRules(list).Check(first).IsValid);
    }

    [Fact]
    public void Private_keys_are_readable_by_their_owner_only()
    {
        if (OperatingSystem.IsWindows()) return; // no Unix file modes
        var files = DevelopmentCertificates.Ensure(_folder);
        var keys = new[] { files.CaKeyPath, files.ServerKeyPath }.Concat(DevelopmentCertificates.Systems.Select(s => files.ClientKeyPath(s.SystemName)));
        foreach (var key in keys) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
    }

    [Fact]
    public void Configuration_names_the_files()
    {
        var files = DevelopmentCertificates.Ensure(_folder);
        Assert.Equal(files.CaCertificatePath, files.Configuration["Security:CaCertificate"]);
        Assert.Equal(files.ServerCertificatePath, files.Configuration["Security:ServerCertificate"]);
        Assert.Equal(files.ServerKeyPath, files.Configuration["Security:ServerKey"]);
        Assert.Equal(files.RevocationListPath, files.Configuration["Security:RevocationList"]);
        Assert.All(files.Configuration.Values, path => Assert.True(File.Exists(path), path));
    }

    private static Dictionary<string, string> Thumbprints(DevelopmentCertificates files)
    {
        var paths = new Dictionary<string, string> { ["ca"] = files.CaCertificatePath, ["server"] = files.ServerCertificatePath };
        foreach (var system in DevelopmentCertificates.Systems) paths[system.SystemName] = files.ClientCertificatePath(system.SystemName);
        return paths.ToDictionary(p => p.Key, p =>
        {
            using var certificate = PemFiles.LoadCertificate(p.Value);
            return certificate.Thumbprint;
        });
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
