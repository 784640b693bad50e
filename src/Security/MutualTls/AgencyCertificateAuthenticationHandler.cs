using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
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
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ClientCertificateValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var certificate = await Context.Connection.GetClientCertificateAsync(Context.RequestAborted);
        if (certificate is null) return AuthenticateResult.NoResult();
        var validation = validator.Validate(certificate);
        if (!validation.IsValid)
        {
            Logger.LogWarning("Client certificate refused from {RemoteAddress}: {Reason}", Context.Connection.RemoteIpAddress, validation.Failure);
            return AuthenticateResult.Fail(validation.Failure);
        }
        return AuthenticateResult.Success(new AuthenticationTicket(validation.Caller.ToPrincipal(Scheme.Name), Scheme.Name));
    }
}
