using System.Security.Cryptography.X509Certificates;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Security.Certificates;

namespace Platform.Security.MutualTls;

/// <summary>
/// Authenticates the agency system behind the TLS connection's client certificate. No certificate is no result
/// (the endpoint's authorization then challenges: 401, or UNAUTHENTICATED for gRPC); a refused one fails with
/// the validator's reason, which is logged for the operator.
/// </summary>
internal sealed class AgencyCertificateAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ClientCertificateValidator validator, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    // Validation builds a chain (about half a millisecond). A connection keeps its certificate, so the answer is
    // kept with the connection and renewed after this long: expiry and revocation still reach long-lived HTTP/2
    // connections, a minute late at most.
    public static readonly TimeSpan RevalidateAfter = TimeSpan.FromMinutes(1);

    private sealed record ConnectionValidation(ClientCertificateValidation Result, DateTimeOffset At);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var certificate = await Context.Connection.GetClientCertificateAsync(Context.RequestAborted);
        if (certificate is null) return AuthenticateResult.NoResult();
        var validation = ValidateOncePerConnection(certificate);
        if (!validation.IsValid) return AuthenticateResult.Fail(validation.Failure);
        return AuthenticateResult.Success(new AuthenticationTicket(validation.Caller.ToPrincipal(Scheme.Name), Scheme.Name));
    }

    private ClientCertificateValidation ValidateOncePerConnection(X509Certificate2 certificate)
    {
        var now = clock.GetUtcNow();
        var items = Context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items is not null)
            lock (items) // HTTP/2 streams of one connection are authenticated concurrently
                if (items.TryGetValue(typeof(ConnectionValidation), out var kept) && kept is ConnectionValidation { } earlier && now - earlier.At < RevalidateAfter)
                    return earlier.Result;

        var validation = validator.Validate(certificate);
        if (!validation.IsValid)
            Logger.LogWarning("Client certificate refused from {RemoteAddress}: {Reason}", Context.Connection.RemoteIpAddress, validation.Failure);
        if (items is not null)
            lock (items) items[typeof(ConnectionValidation)] = new ConnectionValidation(validation, now);
        return validation;
    }
}
