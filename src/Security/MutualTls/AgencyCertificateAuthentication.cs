using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Security.Certificates;

namespace Platform.Security.MutualTls;

/// <summary>Agency and commission systems authenticate with client certificates issued by the platform CA (mutual TLS).</summary>
public static class AgencyCertificateAuthentication
{
    public const string Scheme = "AgencyCertificate";

    /// <summary>
    /// Reads <see cref="PlatformSecurityOptions"/> from <c>Security:*</c>; serves HTTPS endpoints with the server
    /// certificate, asking for (not requiring) a client certificate; registers the <see cref="Scheme"/> scheme and the
    /// <see cref="AgencyPolicies"/>, which name the scheme, so it need not be the default (a service may also sign in
    /// staff). Endpoints from URLs (<c>https://...</c> in
    /// <c>ASPNETCORE_URLS</c>, as the AppHost gives them) get the HTTPS settings whenever this is called; an explicit
    /// <c>Listen(..., l => l.UseHttps())</c> only if this is called before it, because UseHttps copies the defaults.
    /// </summary>
    public static TBuilder AddAgencyCertificateAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<PlatformSecurityOptions>()
            .Bind(builder.Configuration.GetSection(PlatformSecurityOptions.Section))
            .Validate(o => o.CaCertificate is not null, $"{PlatformSecurityOptions.Section}:{nameof(PlatformSecurityOptions.CaCertificate)} must name the platform CA certificate (PEM).")
            .Validate(o => o.ServerCertificate is null || o.ServerKey is not null, $"{PlatformSecurityOptions.Section}:{nameof(PlatformSecurityOptions.ServerKey)} must name the server certificate's private key (PEM).")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(LoadPlatformTrust);
        builder.Services.TryAddSingleton(services => new AgencyCertificateRules(services.GetRequiredService<PlatformTrust>().Revocations));
        builder.Services.TryAddSingleton<ICertificateValidationCache, ConnectionCertificateValidationCache>();
        builder.Services.AddHostedService<LoadTrustOnStart>();
        builder.Services.AddHealthChecks().AddCheck<PlatformTrustHealthCheck>("platform-trust");

        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<PlatformSecurityOptions>>((kestrel, security) =>
        {
            if (security.Value is not { ServerCertificate: { } certificatePath, ServerKey: { } keyPath }) return;
            var serverCertificate = PemFiles.LoadCertificateWithKey(certificatePath, keyPath);
            kestrel.ConfigureHttpsDefaults(https =>
            {
                https.ServerCertificate = serverCertificate;
                // Allow, not require: a call without a certificate must reach the application to be answered
                // 401 / UNAUTHENTICATED. Any certificate passes the handshake (which still proves its key is held);
                // certificate authentication checks it against the platform CA and logs why it refuses one.
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.AllowAnyClientCertificate();
            });
        });

        builder.Services.AddAuthentication().AddCertificate(Scheme, certificate =>
        {
            // Only certificates the platform CA issued: chained to it alone, current, for client authentication.
            certificate.AllowedCertificateTypes = CertificateTypes.Chained;
            certificate.ChainTrustValidationMode = X509ChainTrustMode.CustomRootTrust;
            certificate.ValidateValidityPeriod = true;
            certificate.ValidateCertificateUse = true;
            // Revocation is the platform CA's own list, a local file (AgencyCertificateRules), not the OS's checking.
            certificate.RevocationMode = X509RevocationMode.NoCheck;
            certificate.Events = new CertificateAuthenticationEvents
            {
                OnCertificateValidated = AcceptAgencySystem,
                // The package answers a challenge 403 (it cannot ask for a certificate once the request has come); a caller
                // without a certificate it may use is not authenticated: 401.
                OnChallenge = context =>
                {
                    context.HandleResponse();
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                },
            };
        });
        builder.Services.AddOptions<CertificateAuthenticationOptions>(Scheme)
            .Configure<PlatformTrust>((certificate, trust) => certificate.CustomTrustStore.Add(trust.PlatformCa));
        builder.Services.AddAuthorization(AgencyPolicies.Add);
        return builder;
    }

    private static Task AcceptAgencySystem(CertificateValidatedContext context)
    {
        var validation = context.HttpContext.RequestServices.GetRequiredService<AgencyCertificateRules>().Check(context.ClientCertificate);
        if (validation.IsValid)
        {
            context.Principal = validation.Caller.ToPrincipal(context.Scheme.Name);
            context.Success();
        }
        else
        {
            context.Fail(validation.Failure);
        }
        return Task.CompletedTask;
    }

    private static PlatformTrust LoadPlatformTrust(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<PlatformSecurityOptions>>().Value;
        var platformCa = PemFiles.LoadCertificate(options.CaCertificate!);
        if (options.RevocationList is not { } revocationListPath) return new PlatformTrust(platformCa, () => PlatformRevocationList.Empty);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AgencyCertificateAuthentication).FullName!);
        var revocations = new RevocationListFile(revocationListPath, platformCa, services.GetRequiredService<TimeProvider>(), logger);
        return new PlatformTrust(platformCa, () => revocations.Current);
    }
}

/// <summary>What a service trusts: the platform CA and its current revocation list.</summary>
internal sealed record PlatformTrust(X509Certificate2 PlatformCa, Func<PlatformRevocationList> Revocations);

/// <summary>Loads the CA and the CRL as the host starts, so a wrong path or file stops the start, not the first call.</summary>
internal sealed class LoadTrustOnStart(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<PlatformTrust>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Authorization policies over <see cref="SystemCaller"/>s; territory is checked per record with <see cref="AgencyCaller.MayActOn"/>.</summary>
public static class AgencyPolicies
{
    /// <summary>Any authenticated agency system.</summary>
    public const string AnyAgencySystem = "agency-system";

    /// <summary>
    /// Any authenticated system, an agency's or a commission's: for an API that decides by the kind of caller what it
    /// shows. The agency policies above never accept a commission's system.
    /// </summary>
    public const string AnySystem = "any-system";

    /// <summary>Only the systems of <paramref name="agency"/>: an agency service accepts records only from its own agency.</summary>
    public static string SystemsOf(Agency agency) => $"{AnyAgencySystem}:{agency.ToName()}";

    /// <summary>Requires an agency system, of <paramref name="agency"/> when given; others get 403 / PERMISSION_DENIED.</summary>
    public static TBuilder RequireAgencySystem<TBuilder>(this TBuilder endpoint, Agency? agency = null) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(agency is { } only ? SystemsOf(only) : AnyAgencySystem);

    /// <summary>Requires a system of either kind (<see cref="AnySystem"/>); a call without one gets 401 / UNAUTHENTICATED.</summary>
    public static TBuilder RequireAnySystem<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(AnySystem);

    internal static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(AnySystem, policy => policy
            .AddAuthenticationSchemes(AgencyCertificateAuthentication.Scheme)
            .RequireAssertion(context => context.User.ToSystemCaller() is not null));
        options.AddPolicy(AnyAgencySystem, policy => policy
            .AddAuthenticationSchemes(AgencyCertificateAuthentication.Scheme)
            .RequireAssertion(context => context.User.ToAgencyCaller() is not null));
        foreach (var agency in Enum.GetValues<Agency>())
            options.AddPolicy(SystemsOf(agency), policy => policy
                .AddAuthenticationSchemes(AgencyCertificateAuthentication.Scheme)
                .RequireAssertion(context => context.User.ToAgencyCaller()?.Agency == agency));
    }
}
