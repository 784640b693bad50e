using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Platform.Security.Certificates;
using static Platform.Security.Tests.TestCertificates;

namespace Platform.Security.Tests;

/// <summary>
/// What the platform checks of a client certificate beyond certificate authentication (which MutualTlsTests covers:
/// issuer, validity period, usage): its revocation list and the agency naming.
/// </summary>
public sealed class AgencyCertificateRulesTests : IDisposable
{
    private readonly PlatformCertificateAuthority _ca = NewAuthority();

    private static AgencyCertificateRules Rules(PlatformRevocationList? revocations = null) => new(revocations ?? PlatformRevocationList.Empty);

    [Fact]
    public void An_issued_client_certificate_names_its_agency_organisation_and_territory()
    {
        foreach (var caller in new[] { AlmatySchoolSystem, NationalHealthSystem })
        {
            using var certificate = _ca.IssueClientCertificate(caller, Current);
            Assert.True(AgencyCertificateName.TryRead(certificate, out var read, out var problem), problem);
            Assert.Equal(caller, read);
        }
    }

    [Fact]
    public void Accepts_an_issued_certificate_for_its_system()
    {
        using var certificate = _ca.IssueClientCertificate(AlmatySchoolSystem, Current);
        var validation = Rules().Check(certificate);
        Assert.True(validation.IsValid, validation.Failure);
        Assert.Equal(AlmatySchoolSystem, validation.Caller);
    }

    [Fact]
    public void Refuses_a_revoked_certificate_and_accepts_the_others()
    {
        using var revoked = _ca.IssueClientCertificate(AlmatySchoolSystem, Current);
        using var other = _ca.IssueClientCertificate(AlmatySchoolSystem, Current);
        var revokedAt = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
        var list = PlatformRevocationList.Parse(IssueRevocationList(_ca, new CertificateRevocation(revoked.SerialNumber, revokedAt)), _ca.Certificate);

        AssertRefused(Rules(list).Check(revoked), "was revoked on 2026-11-20 10:00:00Z");
        Assert.True(Rules(list).Check(other).IsValid);
    }

    [Theory]
    [InlineData("CN=anonymous-system", null, "does not name an agency")]
    [InlineData("CN=anonymous-system", "https://example.org/system", "does not name an agency")]
    [InlineData("CN=s, O=police", "urn:kz-child-platform:agency:police:territory:national", "names an unknown agency")]
    [InlineData("CN=s, O=health", "urn:kz-child-platform:agency:health:territory:990000000", "names an invalid territory")]
    [InlineData("CN=s, O=health", "urn:kz-child-platform:agency:health", "names no territory")]
    [InlineData("O=health", "urn:kz-child-platform:agency:health:territory:national", "names no system")]
    [InlineData("CN=s, O=education", "urn:kz-child-platform:agency:health:territory:national", "but O='education' in the subject")]
    public void Refuses_a_certificate_that_does_not_name_an_agency_system(string subject, string? uri, string reason)
    {
        using var certificate = IssueNamed(_ca, subject, uri);
        AssertRefused(Rules().Check(certificate), reason);
    }

    [Fact]
    public void A_hand_made_certificate_with_the_platform_naming_is_read_like_an_issued_one()
    {
        using var certificate = IssueNamed(_ca, "CN=clinic-7, O=health, OU=clinic-7", "urn:kz-child-platform:agency:health:territory:751100000");
        var validation = Rules().Check(certificate);
        Assert.True(validation.IsValid, validation.Failure);
        Assert.Equal(new AgencyCaller("clinic-7", Agency.Health, "clinic-7", AgencyTerritory.Of(Platform.Contracts.Territory.Kato.Parse("751100000"))), validation.Caller);
    }

    [Fact]
    public void A_revocation_list_signed_by_another_CA_is_not_accepted()
    {
        using var impostor = NewAuthority();
        var forged = IssueRevocationList(impostor);
        Assert.Throws<CryptographicException>(() => PlatformRevocationList.Parse(forged, _ca.Certificate));
    }

    [Fact]
    public void A_revocation_list_round_trips_through_a_PEM_file()
    {
        using var revoked = _ca.IssueClientCertificate(NationalHealthSystem, Current);
        var path = Path.Combine(Path.GetTempPath(), $"platform-{Guid.NewGuid():N}.crl");
        PemFiles.WriteRevocationList(path, IssueRevocationList(_ca, new CertificateRevocation(revoked.SerialNumber, DateTimeOffset.UtcNow)));

        var list = PlatformRevocationList.LoadPemFile(path, _ca.Certificate);
        File.Delete(path);
        Assert.Equal(1, list.Count);
        Assert.NotNull(list.RevokedAt(revoked));
        Assert.True(list.NextUpdate > DateTimeOffset.UtcNow);
    }

    internal static byte[] IssueRevocationList(PlatformCertificateAuthority ca, params CertificateRevocation[] revocations) =>
        ca.IssueRevocationList(revocations, BigInteger.One, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(7));

    private static void AssertRefused(ClientCertificateValidation validation, string reason)
    {
        Assert.False(validation.IsValid);
        Assert.Contains(reason, validation.Failure);
    }

    public void Dispose() => _ca.Dispose();
}
