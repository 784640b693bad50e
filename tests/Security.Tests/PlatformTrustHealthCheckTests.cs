using System.Numerics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Security.Certificates;
using Platform.Security.MutualTls;
using static Platform.Security.Tests.TestCertificates;

namespace Platform.Security.Tests;

public sealed class PlatformTrustHealthCheckTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public void A_current_CA_and_list_are_healthy()
    {
        using var ca = NewAuthority();
        var list = PlatformRevocationList.Parse(ca.IssueRevocationList([], BigInteger.One, Now.AddDays(-1), Now.AddDays(1)), ca.Certificate);
        Assert.Equal(HealthStatus.Healthy, PlatformTrustHealthCheck.Check(ca.Certificate, list, Now).Status);
    }

    [Fact]
    public void A_list_past_its_next_update_is_degraded()
    {
        using var ca = NewAuthority();
        var list = PlatformRevocationList.Parse(ca.IssueRevocationList([], BigInteger.One, Now.AddDays(-8), Now.AddDays(-1)), ca.Certificate);
        var result = PlatformTrustHealthCheck.Check(ca.Certificate, list, Now);
        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("due for renewal", result.Description);
    }

    [Fact]
    public void An_expired_CA_is_unhealthy()
    {
        using var ca = PlatformCertificateAuthority.Create("Old CA", new(Now.AddDays(-30), Now.AddDays(-1)));
        Assert.Equal(HealthStatus.Unhealthy, PlatformTrustHealthCheck.Check(ca.Certificate, PlatformRevocationList.Empty, Now).Status);
    }
}
