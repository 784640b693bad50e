namespace Platform.Security.Certificates;

/// <summary>One revoked certificate: its serial number in hexadecimal, as <c>openssl x509 -serial</c> and
/// <see cref="System.Security.Cryptography.X509Certificates.X509Certificate.GetSerialNumberString"/> print it.</summary>
public sealed record CertificateRevocation(string SerialNumber, DateTimeOffset RevokedAt);
