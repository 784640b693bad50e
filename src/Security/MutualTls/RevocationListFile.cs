using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Platform.Security.Certificates;

namespace Platform.Security.MutualTls;

/// <summary>
/// The CRL file, looked at again every <see cref="CheckInterval"/> and parsed again when its content changed (content,
/// not modification time: some file systems keep whole seconds), so a revocation takes effect without a restart. A
/// replacement that cannot be read or is not signed by the CA is logged once and the previous list stays in force.
/// </summary>
internal sealed class RevocationListFile
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(10);

    private readonly string _path;
    private readonly X509Certificate2 _issuer;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private volatile Snapshot _current;

    private sealed record Snapshot(PlatformRevocationList List, byte[] Content, DateTimeOffset CheckedAt);

    public RevocationListFile(string path, X509Certificate2 issuer, TimeProvider clock, ILogger logger)
    {
        (_path, _issuer, _clock, _logger) = (path, issuer, clock, logger);
        var content = File.ReadAllBytes(path);
        _current = new Snapshot(PlatformRevocationList.ParsePem(content, issuer), content, clock.GetUtcNow());
    }

    public PlatformRevocationList Current
    {
        get
        {
            var snapshot = _current;
            var now = _clock.GetUtcNow();
            if (now - snapshot.CheckedAt < CheckInterval) return snapshot.List;
            _current = Reload(snapshot, now);
            return _current.List;
        }
    }

    private Snapshot Reload(Snapshot previous, DateTimeOffset now)
    {
        var content = previous.Content;
        try
        {
            content = File.ReadAllBytes(_path);
            if (content.AsSpan().SequenceEqual(previous.Content)) return previous with { CheckedAt = now };
            var list = PlatformRevocationList.ParsePem(content, _issuer);
            _logger.LogInformation("Revocation list {Path} reloaded: {Count} revoked certificates", _path, list.Count);
            return new Snapshot(list, content, now);
        }
        catch (Exception e) when (e is CryptographicException or IOException or FormatException or ArgumentException)
        {
            _logger.LogError(e, "Revocation list {Path} cannot be used; the previous list stays in force", _path);
            return previous with { Content = content, CheckedAt = now };
        }
    }
}
