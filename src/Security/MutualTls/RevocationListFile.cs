using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Platform.Security.Certificates;

namespace Platform.Security.MutualTls;

/// <summary>
/// The CRL file, re-read when it changes (looked at no more than every <see cref="CheckInterval"/>), so a revocation
/// takes effect without a restart. A replacement that cannot be read or is not signed by the CA is logged and the
/// previous list stays in force.
/// </summary>
internal sealed class RevocationListFile
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(10);

    private readonly string _path;
    private readonly X509Certificate2 _issuer;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private volatile Snapshot _current;

    private sealed record Snapshot(PlatformRevocationList List, DateTime WrittenAt, DateTimeOffset CheckedAt);

    public RevocationListFile(string path, X509Certificate2 issuer, TimeProvider clock, ILogger logger)
    {
        (_path, _issuer, _clock, _logger) = (path, issuer, clock, logger);
        _current = new Snapshot(PlatformRevocationList.LoadPemFile(path, issuer), File.GetLastWriteTimeUtc(path), clock.GetUtcNow());
    }

    public PlatformRevocationList Current
    {
        get
        {
            var snapshot = _current;
            var now = _clock.GetUtcNow();
            if (now - snapshot.CheckedAt < CheckInterval) return snapshot.List;
            var writtenAt = File.GetLastWriteTimeUtc(_path);
            _current = writtenAt == snapshot.WrittenAt ? snapshot with { CheckedAt = now } : Reload(snapshot, writtenAt, now);
            return _current.List;
        }
    }

    private Snapshot Reload(Snapshot previous, DateTime writtenAt, DateTimeOffset now)
    {
        try
        {
            var list = PlatformRevocationList.LoadPemFile(_path, _issuer);
            _logger.LogInformation("Revocation list {Path} reloaded: {Count} revoked certificates", _path, list.Count);
            return new Snapshot(list, writtenAt, now);
        }
        catch (Exception e) when (e is CryptographicException or IOException or FormatException or ArgumentException)
        {
            _logger.LogError(e, "Revocation list {Path} changed but cannot be used; the previous list stays in force", _path);
            return previous with { WrittenAt = writtenAt, CheckedAt = now };
        }
    }
}
