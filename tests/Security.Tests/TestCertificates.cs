using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Platform.Contracts.Territory;
using Platform.Security.Certificates;

namespace Platform.Security.Tests;

/// <summary>Certificates for tests: validity windows around now, and callers with a known naming.</summary>
internal static class TestCertificates
{
    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    public static CertificateValidity Current => new(Now.AddDays(-1), Now.AddDays(30));
    public static CertificateValidity Expired => new(Now.AddDays(-30), Now.AddDays(-1));
    public static CertificateValidity NotYetValid => new(Now.AddDays(1), Now.AddDays(30));

    public static AgencyCaller AlmatySchoolSystem { get; } =
        new("school-system-almaty", Agency.Education, "school-060140001234", AgencyTerritory.Of(Kato.Parse("750000000")));

    public static AgencyCaller NationalHealthSystem { get; } = new("health-national", Agency.Health, null, AgencyTerritory.National);

    public static CommissionCaller AlmatyDistrictCommission { get; } = new("kdn-almaty-district", Kato.Parse("751110000"));

    /// <summary>Every test CA has the same subject, so only the key tells them apart.</summary>
    public static PlatformCertificateAuthority NewAuthority() =>
        PlatformCertificateAuthority.Create("Test Platform CA", new(Now.AddDays(-365), Now.AddDays(365)));

    /// <summary>A client certificate from <paramref name="ca"/> named by hand, for naming the platform would not issue.</summary>
    public static X509Certificate2 IssueNamed(PlatformCertificateAuthority ca, string subject, string? uri = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        if (uri is not null)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddUri(new Uri(uri));
            request.CertificateExtensions.Add(names.Build());
        }
        using var issued = request.Create(ca.Certificate, Current.NotBefore, Current.NotAfter, RandomNumberGenerator.GetBytes(8));
        return issued.CopyWithPrivateKey(key);
    }
}
