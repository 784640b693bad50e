namespace Platform.Security.MutualTls;

/// <summary>The <c>Security</c> configuration section: PEM files of the platform CA, this server and the CRL.</summary>
public sealed class PlatformSecurityOptions
{
    public const string Section = "Security";

    /// <summary>The platform CA certificate (PEM): the only issuer whose client certificates are accepted. Required.</summary>
    public string? CaCertificate { get; set; }

    /// <summary>This server's TLS certificate (PEM); when unset, Kestrel's HTTPS defaults are left alone.</summary>
    public string? ServerCertificate { get; set; }

    /// <summary>The private key of <see cref="ServerCertificate"/> (PEM, PKCS#8).</summary>
    public string? ServerKey { get; set; }

    /// <summary>The platform CA's revocation list (PEM); re-read when the file changes. When unset nothing is revoked.</summary>
    public string? RevocationList { get; set; }
}
