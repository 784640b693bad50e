namespace Platform.Security.Certificates;

/// <summary>When an issued certificate is valid.</summary>
public readonly record struct CertificateValidity(DateTimeOffset NotBefore, DateTimeOffset NotAfter)
{
    // Backdated a little so a peer whose clock runs slightly behind does not see a brand-new certificate as not yet valid.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static CertificateValidity StartingNow(TimeSpan lifetime, TimeProvider? clock = null)
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        return new(now - ClockSkew, now + lifetime);
    }
}
