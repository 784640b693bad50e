using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Security.Certificates;

/// <summary>An accepted client certificate's agency system, or why the certificate was refused.</summary>
public sealed record ClientCertificateValidation(AgencyCaller? Caller, string? Failure)
{
    [MemberNotNullWhen(true, nameof(Caller))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsValid => Caller is not null;

    public static ClientCertificateValidation Accepted(AgencyCaller caller) => new(caller, null);
    public static ClientCertificateValidation Refused(X509Certificate2 certificate, string reason) =>
        new(null, $"Certificate {certificate.Subject} (serial {certificate.SerialNumber}) {reason}.");
}

/// <summary>
/// Decides whether a presented client certificate identifies an agency system: issued by the platform CA (and only
/// it), within its validity period, meant for client authentication, not revoked, and naming an agency and territory.
/// </summary>
public sealed class ClientCertificateValidator(X509Certificate2 platformCa, Func<PlatformRevocationList> revocations, TimeProvider clock)
{
    public ClientCertificateValidator(X509Certificate2 platformCa, PlatformRevocationList revocations, TimeProvider clock)
        : this(platformCa, () => revocations, clock) { }

    private const X509ChainStatusFlags NotIssuedByPlatformCa =
        X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain | X509ChainStatusFlags.NotSignatureValid;

    public ClientCertificateValidation Validate(X509Certificate2 certificate)
    {
        var now = clock.GetUtcNow();
        if (now < certificate.NotBefore.ToUniversalTime())
            return ClientCertificateValidation.Refused(certificate, $"is not valid before {certificate.NotBefore.ToUniversalTime():u}");
        if (now > certificate.NotAfter.ToUniversalTime())
            return ClientCertificateValidation.Refused(certificate, $"expired on {certificate.NotAfter.ToUniversalTime():u}");
        var chainProblems = PlatformChain.Verify(certificate, platformCa, now);
        if ((chainProblems & NotIssuedByPlatformCa) != 0)
            return ClientCertificateValidation.Refused(certificate, $"is issued by an unknown CA, not by the platform CA {platformCa.Subject} ({chainProblems})");
        if (chainProblems != X509ChainStatusFlags.NoError)
            return ClientCertificateValidation.Refused(certificate, $"does not pass chain validation against the platform CA {platformCa.Subject} ({chainProblems})");
        if (!IsForClientAuthentication(certificate))
            return ClientCertificateValidation.Refused(certificate, "is not a client certificate (no clientAuth extended key usage)");
        if (revocations().RevokedAt(certificate) is { } revokedAt)
            return ClientCertificateValidation.Refused(certificate, $"was revoked on {revokedAt.UtcDateTime:u}");
        return AgencyCertificateName.TryRead(certificate, out var caller, out var namingProblem)
            ? ClientCertificateValidation.Accepted(caller)
            : ClientCertificateValidation.Refused(certificate, namingProblem);
    }

    private static bool IsForClientAuthentication(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>()
            .Any(usage => usage.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(oid => oid.Value == KeyUsages.ClientAuthentication));
}
