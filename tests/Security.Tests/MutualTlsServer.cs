using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Platform.Contracts.Territory;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Security.Certificates;
using Platform.Security.MutualTls;
using static Platform.Security.Tests.TestCertificates;

namespace Platform.Security.Tests;

/// <summary>
/// A Kestrel server on 127.0.0.1 over TLS + HTTP/2, wired as an agency service would be: configuration keys naming
/// PEM files, the AgencyCertificate scheme, an HTTP endpoint and the gRPC health service for education systems only.
/// </summary>
public sealed class MutualTlsServer : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"platform-mtls-{Guid.NewGuid():N}");
    private readonly PlatformCertificateAuthority _ca = NewAuthority();
    private WebApplication? _web;
    private string _crlPath = null!;

    public Uri Address { get; private set; } = null!;

    /// <summary>The platform CA as a client knows it: the certificate only.</summary>
    public X509Certificate2 PlatformCa { get; private set; } = null!;

    public X509Certificate2 AlmatySchool { get; private set; } = null!;
    public X509Certificate2 NationalHealth { get; private set; } = null!;
    public X509Certificate2 AlmatyCommission { get; private set; } = null!;
    public X509Certificate2 ExpiredSchool { get; private set; } = null!;
    public X509Certificate2 RevokedSchool { get; private set; } = null!;
    public X509Certificate2 ImpostorSchool { get; private set; } = null!;
    public X509Certificate2 NotYetValidSchool { get; private set; } = null!;

    /// <summary>A server certificate of the platform CA, presented as if it were a client's.</summary>
    public X509Certificate2 ServerCertificateAsClient { get; private set; } = null!;

    /// <summary>The platform CA's own certificate, with its key, presented as a client's.</summary>
    public X509Certificate2 AuthorityAsClient => _ca.Certificate;

    /// <summary>Valid until a test revokes it.</summary>
    public X509Certificate2 LateRevokedSchool { get; private set; } = null!;

    /// <summary>The server's clock: tests move it to get past re-check intervals.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>What the server logged, so tests see why a certificate was refused.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var caPath = Path.Combine(_folder, "ca.crt");
        var serverPath = Path.Combine(_folder, "server.crt");
        var serverKeyPath = Path.Combine(_folder, "server.key");
        _crlPath = Path.Combine(_folder, "ca.crl");
        PemFiles.WriteCertificate(caPath, _ca.Certificate);
        using (var server = _ca.IssueServerCertificate(["localhost"], Current))
        {
            PemFiles.WriteCertificate(serverPath, server);
            PemFiles.WritePrivateKey(serverKeyPath, server);
        }
        PlatformCa = PemFiles.LoadCertificate(caPath);
        AlmatySchool = _ca.IssueClientCertificate(AlmatySchoolSystem, Current);
        NationalHealth = _ca.IssueClientCertificate(NationalHealthSystem, Current);
        AlmatyCommission = _ca.IssueClientCertificate(AlmatyDistrictCommission, Current);
        ExpiredSchool = _ca.IssueClientCertificate(AlmatySchoolSystem, Expired);
        NotYetValidSchool = _ca.IssueClientCertificate(AlmatySchoolSystem, NotYetValid);
        ServerCertificateAsClient = _ca.IssueServerCertificate(["localhost"], Current);
        RevokedSchool = _ca.IssueClientCertificate(AlmatySchoolSystem, Current);
        LateRevokedSchool = _ca.IssueClientCertificate(AlmatySchoolSystem, Current);
        using (var impostor = NewAuthority()) ImpostorSchool = impostor.IssueClientCertificate(AlmatySchoolSystem, Current);
        Revoke(RevokedSchool);

        _web = await StartAgencyServiceAsync(new Dictionary<string, string>
        {
            ["Security:CaCertificate"] = caPath,
            ["Security:ServerCertificate"] = serverPath,
            ["Security:ServerKey"] = serverKeyPath,
            ["Security:RevocationList"] = _crlPath,
        }, Clock, new QueueLoggerProvider(Log));
        Address = new Uri(_web.Urls.First());
    }

    /// <summary>
    /// A service on 127.0.0.1 over TLS + HTTP/2 with <paramref name="configuration"/>'s Security:* files: /whoami for
    /// any agency system, /system for a system of either kind (an agency's or a commission's), PUT /education/records/{КАТО}
    /// and the gRPC health service for education systems only.
    /// </summary>
    public static async Task<WebApplication> StartAgencyServiceAsync(IReadOnlyDictionary<string, string> configuration, TimeProvider clock, ILoggerProvider log)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.Logging.ClearProviders().AddProvider(log);
        builder.Configuration.AddInMemoryCollection(configuration.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value)));
        builder.Services.AddSingleton(clock);
        builder.AddAgencyCertificateAuthentication(); // before Listen(...UseHttps()), which takes the HTTPS defaults as they are then
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            listen.UseHttps();
        }));
        builder.Services.AddGrpc();
        builder.Services.AddGrpcHealthChecks();

        var web = builder.Build();
        web.MapGet("/whoami", (HttpContext http) => http.User.ToAgencyCaller() is { } caller
            ? $"{caller.SystemName} {caller.Agency.ToName()} {caller.OrganizationId} {caller.Territory}"
            : "nobody").RequireAgencySystem();
        web.MapGet("/system", (HttpContext http) => http.User.ToSystemCaller() switch
        {
            CommissionCaller commission => $"{commission.SystemName} commission {commission.Commission}",
            { } system => $"{system.SystemName} agency",
            null => "nobody",
        }).RequireAnySystem();
        web.MapPut("/education/records/{territory}", (HttpContext http, string territory) =>
            http.User.ToAgencyCaller()!.MayActOn(Kato.Parse(territory)) ? Results.Ok("accepted") : Results.Forbid())
            .RequireAgencySystem(Agency.Education);
        web.MapGrpcHealthChecksService().RequireAgencySystem(Agency.Education);
        await web.StartAsync();
        return web;
    }

    /// <summary>An HTTP/2 client that trusts <paramref name="platformCa"/> and presents <paramref name="certificate"/>.</summary>
    public static HttpClient Client(Uri address, X509Certificate2 platformCa, X509Certificate2? certificate) =>
        new(new SocketsHttpHandler { SslOptions = PlatformTlsClient.Options(platformCa, certificate) })
        {
            BaseAddress = address,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

    /// <summary>Rewrites the CRL with <see cref="RevokedSchool"/> and <paramref name="certificate"/> on it.</summary>
    public void Revoke(X509Certificate2 certificate) =>
        PemFiles.WriteRevocationList(_crlPath, AgencyCertificateRulesTests.IssueRevocationList(_ca,
            [.. new[] { RevokedSchool, certificate }.Distinct().Select(c => new CertificateRevocation(c.SerialNumber, DateTimeOffset.UtcNow.AddHours(-1)))]));

    /// <summary>An HTTP/2 client that trusts the platform CA (or <paramref name="trusted"/>) and presents <paramref name="certificate"/>.</summary>
    public HttpClient Client(X509Certificate2? certificate, X509Certificate2? trusted = null) => Client(Address, trusted ?? PlatformCa, certificate);

    public GrpcChannel Channel(X509Certificate2? certificate) => AgencySystemChannel.Create(Address, PlatformCa, certificate);

    public async Task DisposeAsync()
    {
        if (_web is not null) await _web.DisposeAsync();
        _ca.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<string> log) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(log);
        public void Dispose() { }
    }

    private sealed class QueueLogger(ConcurrentQueue<string> log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Enqueue(formatter(state, exception));
    }
}
