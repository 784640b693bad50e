using System.Numerics;
using System.Security.Cryptography.X509Certificates;
using Platform.Contracts.Territory;
using Platform.Security.MutualTls;

namespace Platform.Security.Certificates;

/// <summary>
/// A development CA with a server certificate, client certificates for a few agency and commission systems and an empty
/// revocation list, as PEM files in one folder. <see cref="Ensure"/> creates what is missing and reuses the rest,
/// so certificates handed to agency systems stay valid across restarts.
/// </summary>
public sealed class DevelopmentCertificates
{
    private static readonly TimeSpan CaLifetime = TimeSpan.FromDays(3650);
    private static readonly TimeSpan LeafLifetime = TimeSpan.FromDays(730);

    /// <summary>
    /// One national system per agency, territorial systems in the three cities of republican significance, and the
    /// case-management systems of two district commissions (Astana's is the demo secretary's).
    /// </summary>
    public static IReadOnlyList<SystemCaller> Systems { get; } =
    [
        new AgencyCaller("education-national", Agency.Education, null, AgencyTerritory.National),
        new AgencyCaller("health-national", Agency.Health, null, AgencyTerritory.National),
        new AgencyCaller("social-national", Agency.Social, null, AgencyTerritory.National),
        new AgencyCaller("education-astana", Agency.Education, null, AgencyTerritory.Of(Region.ByPrefix("71")!.Code)),
        new AgencyCaller("health-almaty", Agency.Health, null, AgencyTerritory.Of(Region.ByPrefix("75")!.Code)),
        new AgencyCaller("social-shymkent", Agency.Social, null, AgencyTerritory.Of(Region.ByPrefix("79")!.Code)),
        new CommissionCaller("commission-astana-district", Kato.Parse("711210000")),
        new CommissionCaller("commission-almaty-district", Kato.Parse("751110000")),
    ];

    private DevelopmentCertificates(string folder) => Folder = folder;

    public string Folder { get; }
    public string CaCertificatePath => Path.Combine(Folder, "ca.crt");
    public string CaKeyPath => Path.Combine(Folder, "ca.key");
    public string ServerCertificatePath => Path.Combine(Folder, "server.crt");
    public string ServerKeyPath => Path.Combine(Folder, "server.key");
    public string RevocationListPath => Path.Combine(Folder, "ca.crl");
    public string ClientCertificatePath(string systemName) => Path.Combine(Folder, "clients", $"{systemName}.crt");
    public string ClientKeyPath(string systemName) => Path.Combine(Folder, "clients", $"{systemName}.key");

    /// <summary>The <c>Security:*</c> settings that make a service use these files (<see cref="PlatformSecurityOptions"/>).</summary>
    public IReadOnlyDictionary<string, string> Configuration => new Dictionary<string, string>
    {
        [$"{PlatformSecurityOptions.Section}:{nameof(PlatformSecurityOptions.CaCertificate)}"] = CaCertificatePath,
        [$"{PlatformSecurityOptions.Section}:{nameof(PlatformSecurityOptions.ServerCertificate)}"] = ServerCertificatePath,
        [$"{PlatformSecurityOptions.Section}:{nameof(PlatformSecurityOptions.ServerKey)}"] = ServerKeyPath,
        [$"{PlatformSecurityOptions.Section}:{nameof(PlatformSecurityOptions.RevocationList)}"] = RevocationListPath,
    };

    public X509Certificate2 LoadClientCertificate(string systemName) =>
        PemFiles.LoadCertificateWithKey(ClientCertificatePath(systemName), ClientKeyPath(systemName));

    /// <summary>The development CA, to issue more certificates (another system, an expired one for a test).</summary>
    public PlatformCertificateAuthority LoadAuthority() => PlatformCertificateAuthority.Load(CaCertificatePath, CaKeyPath);

    /// <summary>Adds <paramref name="certificate"/> to the revocation list; services see it when they next look at the file.</summary>
    public void Revoke(X509Certificate2 certificate, TimeProvider? clock = null)
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        using var ca = LoadAuthority();
        var current = PlatformRevocationList.LoadPemFile(RevocationListPath, ca.Certificate);
        var revocations = current.Revocations.Append(new CertificateRevocation(certificate.SerialNumber, now));
        PemFiles.WriteRevocationList(RevocationListPath, ca.IssueRevocationList(revocations, current.Number + 1, now, now + LeafLifetime));
    }

    /// <summary>
    /// Creates the CA and everything it issues in <paramref name="folder"/> where missing, reissues expired leaf
    /// certificates, and leaves the rest as it is. A new CA means every certificate is issued again.
    /// </summary>
    public static DevelopmentCertificates Ensure(string folder, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        var files = new DevelopmentCertificates(Path.GetFullPath(folder));
        CreateOwnerOnlyDirectory(files.Folder);
        CreateOwnerOnlyDirectory(Path.Combine(files.Folder, "clients"));

        var caIsNew = !File.Exists(files.CaCertificatePath) || !File.Exists(files.CaKeyPath);
        using var ca = caIsNew
            ? PlatformCertificateAuthority.Create("Child Data Platform Development CA", CertificateValidity.StartingNow(CaLifetime, clock))
            : PlatformCertificateAuthority.Load(files.CaCertificatePath, files.CaKeyPath);
        if (caIsNew) Save(ca.Certificate, files.CaCertificatePath, files.CaKeyPath);

        if (caIsNew || NeedsIssuing(files.ServerCertificatePath, files.ServerKeyPath, clock))
            using (var server = ca.IssueServerCertificate(["localhost"], CertificateValidity.StartingNow(LeafLifetime, clock)))
                Save(server, files.ServerCertificatePath, files.ServerKeyPath);

        foreach (var system in Systems)
        {
            var (certificatePath, keyPath) = (files.ClientCertificatePath(system.SystemName), files.ClientKeyPath(system.SystemName));
            if (!caIsNew && !NeedsIssuing(certificatePath, keyPath, clock)) continue;
            using var client = ca.IssueClientCertificate(system, CertificateValidity.StartingNow(LeafLifetime, clock));
            Save(client, certificatePath, keyPath);
        }

        if (caIsNew || !File.Exists(files.RevocationListPath))
        {
            var now = clock.GetUtcNow();
            PemFiles.WriteRevocationList(files.RevocationListPath, ca.IssueRevocationList([], BigInteger.One, now, now + LeafLifetime));
        }
        return files;
    }

    private static bool NeedsIssuing(string certificatePath, string keyPath, TimeProvider clock)
    {
        if (!File.Exists(certificatePath) || !File.Exists(keyPath)) return true;
        using var certificate = PemFiles.LoadCertificate(certificatePath);
        return certificate.NotAfter.ToUniversalTime() <= clock.GetUtcNow();
    }

    private static void Save(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        PemFiles.WritePrivateKey(keyPath, certificate);
        PemFiles.WriteCertificate(certificatePath, certificate);
    }

    private static void CreateOwnerOnlyDirectory(string path)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
