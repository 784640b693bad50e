using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Platform.Security.Certificates;
using Platform.Security.MutualTls;
using static Platform.Security.Tests.TestCertificates;

namespace Platform.Security.Tests;

public sealed class RevocationListFileTests : IDisposable
{
    private readonly PlatformCertificateAuthority _ca = NewAuthority();
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"platform-{Guid.NewGuid():N}.crl");
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public void A_revocation_takes_effect_without_a_restart_once_the_file_is_looked_at_again()
    {
        using var certificate = _ca.IssueClientCertificate(AlmatySchoolSystem, Current);
        Write();
        var file = new RevocationListFile(_path, _ca.Certificate, _clock, NullLogger.Instance);
        Assert.Null(file.Current.RevokedAt(certificate));

        Write(new CertificateRevocation(certificate.SerialNumber, _clock.GetUtcNow()));
        Assert.Null(file.Current.RevokedAt(certificate)); // not looked at again yet
        _clock.Advance(TimeSpan.FromSeconds(11));
        Assert.NotNull(file.Current.RevokedAt(certificate));
    }

    [Fact]
    public void A_replacement_that_is_not_the_CAs_keeps_the_previous_list()
    {
        using var certificate = _ca.IssueClientCertificate(AlmatySchoolSystem, Current);
        Write(new CertificateRevocation(certificate.SerialNumber, _clock.GetUtcNow()));
        var file = new RevocationListFile(_path, _ca.Certificate, _clock, NullLogger.Instance);

        using var impostor = NewAuthority();
        PemFiles.WriteRevocationList(_path, AgencyCertificateRulesTests.IssueRevocationList(impostor));
        _clock.Advance(TimeSpan.FromSeconds(11));
        Assert.NotNull(file.Current.RevokedAt(certificate));
    }

    private void Write(params CertificateRevocation[] revocations) =>
        PemFiles.WriteRevocationList(_path, AgencyCertificateRulesTests.IssueRevocationList(_ca, revocations));

    public void Dispose()
    {
        File.Delete(_path);
        _ca.Dispose();
    }
}
