using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Platform.Contracts.Territory;
using Platform.Security.Certificates;
using static Platform.Security.Tests.TestCertificates;

namespace Platform.Security.Tests;

/// <summary>
/// A commission's case-management system as a caller of its own kind: named by its certificate, carried in claims,
/// accepted where any system may call and refused wherever an agency's system is required.
/// </summary>
public sealed class CommissionCallerTests : IDisposable
{
    private readonly PlatformCertificateAuthority _ca = NewAuthority();

    [Fact]
    public void An_issued_certificate_names_the_commission_by_its_territory()
    {
        using var certificate = _ca.IssueClientCertificate(AlmatyDistrictCommission, Current);
        Assert.Equal("CN=kdn-almaty-district, O=commission", certificate.Subject);
        var validation = new AgencyCertificateRules(PlatformRevocationList.Empty).Check(certificate);
        Assert.True(validation.IsValid, validation.Failure);
        Assert.Equal(AlmatyDistrictCommission, validation.Caller);
    }

    [Theory]
    [InlineData("CN=s, O=commission", "urn:kz-child-platform:commission:990000000", "names an invalid commission territory")]
    [InlineData("CN=s, O=commission", "urn:kz-child-platform:commission:national", "names an invalid commission territory")]
    [InlineData("CN=s, O=education", "urn:kz-child-platform:commission:751110000", "but O='education' in the subject")]
    [InlineData("CN=s, O=commission", "urn:kz-child-platform:agency:education:territory:national", "but O='commission' in the subject")]
    [InlineData("O=commission", "urn:kz-child-platform:commission:751110000", "names no system")]
    public void Refuses_a_certificate_that_names_a_commission_wrongly(string subject, string uri, string reason)
    {
        using var certificate = IssueNamed(_ca, subject, uri);
        var validation = new AgencyCertificateRules(PlatformRevocationList.Empty).Check(certificate);
        Assert.False(validation.IsValid);
        Assert.Contains(reason, validation.Failure);
    }

    [Fact]
    public void Refuses_a_certificate_that_names_an_agency_and_a_commission_at_once()
    {
        using var key = ECDsa.Create();
        var request = new CertificateRequest("CN=s, O=commission", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddUri(new Uri("urn:kz-child-platform:commission:751110000"));
        names.AddUri(new Uri("urn:kz-child-platform:agency:education:territory:national"));
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(Current.NotBefore, Current.NotAfter);
        Assert.False(AgencyCertificateName.TryRead(certificate, out _, out var problem));
        Assert.Contains("names both an agency", problem);
    }

    [Fact]
    public void A_commission_round_trips_through_claims_and_is_never_read_as_an_agency()
    {
        var principal = AlmatyDistrictCommission.ToPrincipal("test");
        Assert.Equal(AlmatyDistrictCommission, principal.ToCommissionCaller());
        Assert.Equal(AlmatyDistrictCommission, principal.ToSystemCaller());
        Assert.Null(principal.ToAgencyCaller());

        var school = AlmatySchoolSystem.ToPrincipal("test");
        Assert.Null(school.ToCommissionCaller());
        Assert.Equal(AlmatySchoolSystem, school.ToSystemCaller());
    }

    [Fact]
    public void A_principal_naming_an_agency_is_not_a_commission_whatever_else_it_carries()
    {
        var identity = (ClaimsIdentity)AlmatySchoolSystem.ToPrincipal("test").Identity!;
        identity.AddClaim(new Claim(AgencyClaims.Commission, "751110000"));
        Assert.Null(new ClaimsPrincipal(identity).ToCommissionCaller());
    }

    [Fact]
    public void A_development_CA_issues_the_commission_systems_certificates()
    {
        var commissions = DevelopmentCertificates.Systems.OfType<CommissionCaller>().ToList();
        Assert.Contains(commissions, c => c.Commission == Kato.Parse("711210000"));
        Assert.Equal(commissions.Count, commissions.Select(c => c.SystemName).Distinct().Count());
    }

    public void Dispose() => _ca.Dispose();
}

/// <summary>A commission's certificate over real TLS: accepted where any system may call, refused where an agency's is required.</summary>
public sealed class CommissionCallerOverTlsTests(MutualTlsServer server) : IClassFixture<MutualTlsServer>
{
    [Fact]
    public async Task A_commission_system_is_accepted_by_the_any_system_policy_only()
    {
        using var commission = server.Client(server.AlmatyCommission);
        using var system = await commission.GetAsync("/system");
        Assert.Equal(HttpStatusCode.OK, system.StatusCode);
        Assert.Equal("kdn-almaty-district commission 751110000", await system.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await commission.GetAsync("/whoami")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await commission.PutAsync("/education/records/751110000", null)).StatusCode);

        using var school = server.Client(server.AlmatySchool);
        Assert.Equal("school-system-almaty agency", await school.GetStringAsync("/system"));
        using var nobody = server.Client(certificate: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await nobody.GetAsync("/system")).StatusCode);
    }
}
