using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.Security.MutualTls;

/// <summary>
/// Keeps certificate authentication's answer with the TLS connection (validation builds a chain, about half a
/// millisecond) and renews it after <see cref="RevalidateAfter"/> however busy the connection is, so expiry and
/// revocation reach long-lived HTTP/2 connections a minute late at most. The package's own cache slides its entries
/// while a certificate is in use, which would keep a revoked certificate accepted as long as its system keeps calling.
/// A refusal is logged once per validation, with the reason, for the operator.
/// </summary>
internal sealed class ConnectionCertificateValidationCache(TimeProvider clock, ILogger<ConnectionCertificateValidationCache> logger)
    : ICertificateValidationCache
{
    public static readonly TimeSpan RevalidateAfter = TimeSpan.FromMinutes(1);

    private sealed record Kept(string Thumbprint, AuthenticateResult Result, DateTimeOffset At);

    public AuthenticateResult? Get(HttpContext context, X509Certificate2 certificate)
    {
        if (context.Features.Get<IConnectionItemsFeature>()?.Items is not { } items) return null;
        lock (items) // HTTP/2 streams of one connection are authenticated concurrently
            return items.TryGetValue(typeof(Kept), out var value) && value is Kept kept
                   && kept.Thumbprint == certificate.Thumbprint && clock.GetUtcNow() - kept.At < RevalidateAfter
                ? kept.Result
                : null;
    }

    public void Put(HttpContext context, X509Certificate2 certificate, AuthenticateResult result)
    {
        if (result.Failure is { } failure)
            logger.LogWarning("Client certificate refused from {RemoteAddress}: {Subject} (serial {SerialNumber}): {Reason}",
                context.Connection.RemoteIpAddress, certificate.Subject, certificate.SerialNumber, failure.Message);
        if (context.Features.Get<IConnectionItemsFeature>()?.Items is not { } items) return;
        lock (items) items[typeof(Kept)] = new Kept(certificate.Thumbprint, result, clock.GetUtcNow());
    }
}
