using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Security.Certificates;

/// <summary>Chain building that trusts the platform CA and nothing else: not the OS store, not downloaded issuers.</summary>
internal static class PlatformChain
{
    /// <summary>
    /// <see cref="X509ChainStatusFlags.NoError"/> when <paramref name="certificate"/> chains to <paramref name="platformCa"/>
    /// at <paramref name="at"/> (and, if given, allows <paramref name="requiredUsage"/>); otherwise what is wrong.
    /// </summary>
    public static X509ChainStatusFlags Verify(X509Certificate2 certificate, X509Certificate2 platformCa, DateTimeOffset at, Oid? requiredUsage = null)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(platformCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // revocation is the platform CRL's job
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (requiredUsage is not null) chain.ChainPolicy.ApplicationPolicy.Add(requiredUsage);
        var built = chain.Build(certificate);
        var root = chain.ChainElements.Count > 0 ? chain.ChainElements[^1].Certificate : null;
        if (built && root is not null && root.RawData.AsSpan().SequenceEqual(platformCa.RawData)) return X509ChainStatusFlags.NoError;
        var problems = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, status) => all | status.Status);
        return problems == X509ChainStatusFlags.NoError ? X509ChainStatusFlags.PartialChain : problems;
    }
}
