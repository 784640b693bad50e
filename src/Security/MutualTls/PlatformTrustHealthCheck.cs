using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Security.Certificates;

namespace Platform.Security.MutualTls;

/// <summary>
/// Tells operators, on <c>/health</c>, what would otherwise only show as refused calls: an expired platform CA
/// (no agency system can get in) or a revocation list past its next update (revocations since are unknown here).
/// </summary>
internal sealed class PlatformTrustHealthCheck(PlatformTrust trust, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Check(trust.PlatformCa, trust.Revocations(), clock.GetUtcNow()));

    internal static HealthCheckResult Check(X509Certificate2 platformCa, PlatformRevocationList revocations, DateTimeOffset now)
    {
        if (now > platformCa.NotAfter.ToUniversalTime())
            return HealthCheckResult.Unhealthy($"The platform CA {platformCa.Subject} expired on {platformCa.NotAfter.ToUniversalTime():u}: no client certificate is accepted.");
        if (revocations.NextUpdate is { } due && now > due)
            return HealthCheckResult.Degraded($"The revocation list was due for renewal on {due.UtcDateTime:u}: issue a new one.");
        return HealthCheckResult.Healthy($"{revocations.Count} certificates revoked.");
    }
}
