using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Security.Certificates;

/// <summary>An accepted client certificate's system (an agency's or a commission's), or why the certificate was refused.</summary>
public sealed record ClientCertificateValidation(SystemCaller? Caller, string? Failure)
{
    [MemberNotNullWhen(true, nameof(Caller))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsValid => Caller is not null;

    public static ClientCertificateValidation Accepted(SystemCaller caller) => new(caller, null);
    public static ClientCertificateValidation Refused(X509Certificate2 certificate, string reason) =>
        new(null, $"Certificate {certificate.Subject} (serial {certificate.SerialNumber}) {reason}.");
}

/// <summary>
/// What the platform asks of a client certificate beyond what certificate authentication checks (issued by the
/// platform CA, within its validity period, for client authentication): not on the platform CA's revocation list,
/// and naming an agency's system and its territory, or a commission's system and its commission.
/// </summary>
public sealed class AgencyCertificateRules(Func<PlatformRevocationList> revocations)
{
    public AgencyCertificateRules(PlatformRevocationList revocations) : this(() => revocations) { }

    public ClientCertificateValidation Check(X509Certificate2 certificate)
    {
        if (revocations().RevokedAt(certificate) is { } revokedAt)
            return ClientCertificateValidation.Refused(certificate, $"was revoked on {revokedAt.UtcDateTime:u}");
        return AgencyCertificateName.TryRead(certificate, out var caller, out var namingProblem)
            ? ClientCertificateValidation.Accepted(caller)
            : ClientCertificateValidation.Refused(certificate, namingProblem);
    }
}
