using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Security.Certificates;

/// <summary>Certificates and their private keys as PEM files; a key file is readable by its owner only.</summary>
public static class PemFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static X509Certificate2 LoadCertificate(string certificatePath) => X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));

    public static X509Certificate2 LoadCertificateWithKey(string certificatePath, string privateKeyPath) =>
        X509Certificate2.CreateFromPemFile(certificatePath, privateKeyPath);

    public static void WriteCertificate(string path, X509Certificate2 certificate) => WriteAtomically(path, certificate.ExportCertificatePem(), null);

    public static void WritePrivateKey(string path, X509Certificate2 certificate)
    {
        using AsymmetricAlgorithm key = (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey() ?? certificate.GetRSAPrivateKey()
            ?? throw new ArgumentException($"{certificate.Subject} has no ECDSA or RSA private key.", nameof(certificate));
        WriteAtomically(path, key.ExportPkcs8PrivateKeyPem(), OwnerOnly);
    }

    public static void WriteRevocationList(string path, byte[] der) => WriteAtomically(path, PemEncoding.WriteString("X509 CRL", der), null);

    // Written beside the target and renamed over it, so a reader never sees half a file; a key is created owner-only
    // rather than restricted after the fact, so it is never readable by others even for a moment.
    private static void WriteAtomically(string path, string content, UnixFileMode? mode)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (mode is { } unixMode && !OperatingSystem.IsWindows()) options.UnixCreateMode = unixMode;
        using (var writer = new StreamWriter(temporary, options)) writer.Write(content);
        File.Move(temporary, path, overwrite: true);
    }
}
