using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Security.Certificates;

/// <summary>
/// The platform's own certificate authority: one root that issues the servers' certificates, the agency systems'
/// client certificates and the revocation list. New keys are ECDSA P-256; a CA loaded from files may also be RSA.
/// </summary>
public sealed class PlatformCertificateAuthority : IDisposable
{
    private static readonly HashAlgorithmName Hash = HashAlgorithmName.SHA256;

    private readonly AsymmetricAlgorithm _key;
    private readonly X509SignatureGenerator _signer;

    private PlatformCertificateAuthority(X509Certificate2 certificate)
    {
        Certificate = certificate;
        (_key, _signer) = certificate.GetECDsaPrivateKey() is { } ecdsa ? (ecdsa, X509SignatureGenerator.CreateForECDsa(ecdsa))
            : certificate.GetRSAPrivateKey() is { } rsa ? ((AsymmetricAlgorithm)rsa, X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1))
            : throw new ArgumentException("The CA certificate needs its ECDSA or RSA private key to issue certificates.", nameof(certificate));
    }

    /// <summary>The root certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    public static PlatformCertificateAuthority Create(string name, CertificateValidity validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}"), key, Hash);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return new(request.CreateSelfSigned(validity.NotBefore, validity.NotAfter));
    }

    public static PlatformCertificateAuthority Load(string certificatePemPath, string privateKeyPemPath) =>
        new(X509Certificate2.CreateFromPemFile(certificatePemPath, privateKeyPemPath));

    /// <summary>A TLS server certificate for <paramref name="hostNames"/> and the loopback addresses.</summary>
    public X509Certificate2 IssueServerCertificate(IReadOnlyList<string> hostNames, CertificateValidity validity)
    {
        var names = new SubjectAlternativeNameBuilder();
        foreach (var host in hostNames) names.AddDnsName(host);
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(hostNames.Count > 0 ? hostNames[0] : "localhost");
        return Issue(subject.Build(), names.Build(), KeyUsages.ServerAuthenticationOid, validity);
    }

    /// <summary>A client certificate naming <paramref name="caller"/> (an agency's or a commission's system) as <see cref="AgencyCertificateName"/> describes.</summary>
    public X509Certificate2 IssueClientCertificate(SystemCaller caller, CertificateValidity validity)
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddUri(AgencyCertificateName.Uri(caller));
        return Issue(AgencyCertificateName.Subject(caller), names.Build(), KeyUsages.ClientAuthenticationOid, validity);
    }

    /// <summary>A signed CRL (DER) listing <paramref name="revocations"/>; <paramref name="number"/> must grow with every list issued.</summary>
    public byte[] IssueRevocationList(IEnumerable<CertificateRevocation> revocations, BigInteger number, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate)
    {
        var list = new CertificateRevocationListBuilder();
        foreach (var revocation in revocations) list.AddEntry(Convert.FromHexString(revocation.SerialNumber), revocation.RevokedAt);
        return list.Build(Certificate.SubjectName, _signer, number, nextUpdate, Hash, AuthorityKeyIdentifier(), thisUpdate);
    }

    private X509Certificate2 Issue(X500DistinguishedName subject, X509Extension alternativeNames, Oid extendedKeyUsage, CertificateValidity validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, Hash);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([extendedKeyUsage], critical: false));
        request.CertificateExtensions.Add(alternativeNames);
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(AuthorityKeyIdentifier());
        using var issued = request.Create(Certificate.SubjectName, _signer, validity.NotBefore, validity.NotAfter, NewSerialNumber());
        return issued.CopyWithPrivateKey(key);
    }

    private X509AuthorityKeyIdentifierExtension AuthorityKeyIdentifier() =>
        X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false);

    // 127 random bits, positive and without a leading zero byte, so the DER INTEGER is exactly these 16 bytes.
    private static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40);
        return serial;
    }

    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }
}
