using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Security.Certificates;

/// <summary>
/// The platform CA's certificate revocation list, read and checked against the CA's signature. .NET can build a CRL
/// but not list its entries, and OS revocation checking fetches CRLs from URLs; the platform's list is a local
/// file, so it is read here (RFC 5280 §5.1).
/// </summary>
public sealed class PlatformRevocationList
{
    private readonly Dictionary<string, DateTimeOffset> _revokedAt;

    private const string CrlNumberOid = "2.5.29.20";

    private PlatformRevocationList(Dictionary<string, DateTimeOffset> revokedAt, BigInteger number, DateTimeOffset thisUpdate, DateTimeOffset? nextUpdate)
    {
        _revokedAt = revokedAt;
        Number = number;
        ThisUpdate = thisUpdate;
        NextUpdate = nextUpdate;
    }

    public static PlatformRevocationList Empty { get; } = new([], BigInteger.Zero, DateTimeOffset.MinValue, null);

    /// <summary>The CRL number; the next list the CA issues must have a greater one.</summary>
    public BigInteger Number { get; }
    public DateTimeOffset ThisUpdate { get; }
    public DateTimeOffset? NextUpdate { get; }
    public int Count => _revokedAt.Count;

    public IEnumerable<CertificateRevocation> Revocations => _revokedAt.Select(entry => new CertificateRevocation(entry.Key, entry.Value));

    /// <summary>When <paramref name="certificate"/> was revoked, or null if it is not on the list.</summary>
    public DateTimeOffset? RevokedAt(X509Certificate2 certificate) =>
        _revokedAt.TryGetValue(certificate.SerialNumber, out var at) ? at : null;

    public static PlatformRevocationList LoadPemFile(string path, X509Certificate2 issuer) => ParsePem(File.ReadAllBytes(path), issuer);

    public static PlatformRevocationList ParsePem(ReadOnlySpan<byte> utf8Pem, X509Certificate2 issuer)
    {
        var fields = PemEncoding.FindUtf8(utf8Pem);
        if (!utf8Pem[fields.Label].SequenceEqual("X509 CRL"u8)) throw new CryptographicException("The file holds no X509 CRL.");
        return Parse(Convert.FromBase64String(System.Text.Encoding.ASCII.GetString(utf8Pem[fields.Base64Data])), issuer);
    }

    /// <summary>Reads a DER-encoded CRL; throws <see cref="CryptographicException"/> unless <paramref name="issuer"/> signed it.</summary>
    public static PlatformRevocationList Parse(byte[] der, X509Certificate2 issuer)
    {
        try
        {
            var certificateList = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            var signedPart = certificateList.PeekEncodedValue().ToArray();
            var tbs = certificateList.ReadSequence();
            var signatureAlgorithm = ReadAlgorithmOid(certificateList);
            var signature = certificateList.ReadBitString(out _);
            if (!IsSignedBy(issuer, signedPart, signatureAlgorithm, signature))
                throw new CryptographicException($"The revocation list is not signed by the platform CA {issuer.Subject}.");

            if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer)) tbs.ReadInteger(); // version
            tbs.ReadSequence(); // signature algorithm, repeated inside the signed part
            var issuerName = new X500DistinguishedName(tbs.ReadEncodedValue().Span);
            if (!issuerName.RawData.AsSpan().SequenceEqual(issuer.SubjectName.RawData))
                throw new CryptographicException($"The revocation list is issued by {issuerName.Name}, not by {issuer.Subject}.");
            var thisUpdate = ReadTime(tbs);
            DateTimeOffset? nextUpdate = tbs.HasData && IsTime(tbs.PeekTag()) ? ReadTime(tbs) : null;

            var revokedAt = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var entries = tbs.ReadSequence();
                while (entries.HasData)
                {
                    var entry = entries.ReadSequence();
                    revokedAt[Convert.ToHexString(entry.ReadIntegerBytes().Span)] = ReadTime(entry);
                }
            }
            return new PlatformRevocationList(revokedAt, ReadNumber(tbs), thisUpdate, nextUpdate);
        }
        catch (AsnContentException e)
        {
            throw new CryptographicException("The revocation list is not a well-formed DER CRL.", e);
        }
    }

    // crlExtensions [0] EXPLICIT Extensions OPTIONAL; the CRL number is one of them.
    private static BigInteger ReadNumber(AsnReader tbs)
    {
        var explicitTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        if (!tbs.HasData || tbs.PeekTag() != explicitTag) return BigInteger.Zero;
        var extensions = tbs.ReadSequence(explicitTag).ReadSequence();
        while (extensions.HasData)
        {
            var extension = extensions.ReadSequence();
            var oid = extension.ReadObjectIdentifier();
            if (extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean)) extension.ReadBoolean();
            var value = extension.ReadOctetString();
            if (oid == CrlNumberOid) return new AsnReader(value, AsnEncodingRules.DER).ReadInteger();
        }
        return BigInteger.Zero;
    }

    private static string ReadAlgorithmOid(AsnReader reader)
    {
        var algorithm = reader.ReadSequence();
        return algorithm.ReadObjectIdentifier();
    }

    private static bool IsSignedBy(X509Certificate2 issuer, byte[] data, string algorithm, byte[] signature)
    {
        var (hash, isEcdsa) = algorithm switch
        {
            "1.2.840.10045.4.3.2" => (HashAlgorithmName.SHA256, true),
            "1.2.840.10045.4.3.3" => (HashAlgorithmName.SHA384, true),
            "1.2.840.113549.1.1.11" => (HashAlgorithmName.SHA256, false),
            "1.2.840.113549.1.1.12" => (HashAlgorithmName.SHA384, false),
            _ => throw new CryptographicException($"The revocation list is signed with an unsupported algorithm {algorithm}."),
        };
        if (isEcdsa)
        {
            using var ecdsa = issuer.GetECDsaPublicKey();
            return ecdsa?.VerifyData(data, signature, hash, DSASignatureFormat.Rfc3279DerSequence) == true;
        }
        using var rsa = issuer.GetRSAPublicKey();
        return rsa?.VerifyData(data, signature, hash, RSASignaturePadding.Pkcs1) == true;
    }

    private static bool IsTime(Asn1Tag tag) => tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime);

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
}
