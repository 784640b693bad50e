using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Health.V1;
using Platform.Security.MutualTls;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Platform.Security.Tests;

/// <summary>Certificates presented over real TLS + HTTP/2 to Kestrel, through HttpClient and through grpc-dotnet.</summary>
public sealed class MutualTlsTests(MutualTlsServer server) : IClassFixture<MutualTlsServer>
{
    [Fact]
    public async Task A_platform_certificate_authenticates_its_agency_system()
    {
        using var client = server.Client(server.AlmatySchool);
        using var response = await client.GetAsync("/whoami");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("school-system-almaty education school-060140001234 750000000", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_a_certificate_the_call_is_unauthenticated()
    {
        using var client = server.Client(certificate: null);
        using var response = await client.GetAsync("/whoami");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    // Kestrel lets any certificate through the handshake so the application can answer 401 and log why.
    [Fact]
    public Task An_expired_certificate_gets_401() => AssertRefusedAfterHandshakeAsync(server.ExpiredSchool, "certificate has expired");

    [Fact]
    public Task A_revoked_certificate_gets_401() => AssertRefusedAfterHandshakeAsync(server.RevokedSchool, "was revoked on");

    [Fact]
    public Task A_certificate_of_another_CA_gets_401() => AssertRefusedAfterHandshakeAsync(server.ImpostorSchool, "unable to get local issuer certificate");

    [Fact]
    public Task A_certificate_not_yet_valid_gets_401() => AssertRefusedAfterHandshakeAsync(server.NotYetValidSchool, "certificate is not yet valid");

    [Fact]
    public Task A_server_certificate_presented_as_a_client_one_gets_401() => AssertRefusedAfterHandshakeAsync(server.ServerCertificateAsClient, "NotValidForUsage");

    [Fact]
    public async Task The_CA_certificate_itself_gets_401()
    {
        using var client = server.Client(server.AuthorityAsClient);
        using var response = await client.GetAsync("/whoami");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(server.Log, entry => entry.StartsWith($"Self signed certificate rejected, subject was {server.AuthorityAsClient.Subject}"));
    }

    private async Task AssertRefusedAfterHandshakeAsync(X509Certificate2 certificate, string reason)
    {
        using var client = server.Client(certificate);
        using var response = await client.GetAsync("/whoami");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        // The platform logs the refusal with the certificate's serial number; certificate authentication, or the platform's
        // own rules, say why.
        var log = string.Join("\n", server.Log.Where(entry => entry.Contains("ertificate")));
        Assert.True(server.Log.Any(entry => entry.StartsWith("Client certificate refused") && entry.Contains(certificate.SerialNumber)),
            $"No refusal of {certificate.SerialNumber} in:\n{log}");
        Assert.True(server.Log.Any(entry => entry.Contains(reason)), $"No refusal saying '{reason}' in:\n{log}");
    }

    [Fact]
    public async Task A_connection_is_validated_once_and_again_after_a_while()
    {
        int Refusals() => server.Log.Count(entry => entry.StartsWith("Client certificate refused") && entry.Contains(server.ExpiredSchool.SerialNumber));
        var before = Refusals();
        using var client = server.Client(server.ExpiredSchool);
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/whoami");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        Assert.Equal(before + 1, Refusals());

        server.Clock.Advance(ConnectionCertificateValidationCache.RevalidateAfter);
        using (await client.GetAsync("/whoami")) Assert.Equal(before + 2, Refusals());
    }

    [Fact]
    public async Task A_revocation_reaches_an_open_connection_without_a_restart()
    {
        using var client = server.Client(server.LateRevokedSchool);
        using (var before = await client.GetAsync("/whoami")) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        server.Revoke(server.LateRevokedSchool);
        server.Clock.Advance(ConnectionCertificateValidationCache.RevalidateAfter);
        using var after = await client.GetAsync("/whoami");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Another_agencys_system_is_forbidden()
    {
        using var client = server.Client(server.NationalHealth);
        using var response = await client.PutAsync("/education/records/750000000", content: null);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("751110000", HttpStatusCode.OK)]
    [InlineData("710000000", HttpStatusCode.Forbidden)]
    public async Task A_territorial_system_acts_only_on_its_territory(string territory, HttpStatusCode expected)
    {
        using var client = server.Client(server.AlmatySchool);
        using var response = await client.PutAsync($"/education/records/{territory}", content: null);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task The_client_refuses_a_server_its_CA_did_not_issue()
    {
        using var otherCa = TestCertificates.NewAuthority();
        using var client = server.Client(server.AlmatySchool, trusted: X509CertificateLoader.LoadCertificate(otherCa.Certificate.RawData));
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/whoami"));
        Assert.IsType<AuthenticationException>(failure.InnerException);
    }

    [Fact]
    public async Task Grpc_answers_ok_to_its_own_agency()
    {
        var reply = await Check(server.AlmatySchool);
        Assert.Equal(ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public Task Grpc_without_a_certificate_is_UNAUTHENTICATED() => AssertGrpcFailsAsync(certificate: null, StatusCode.Unauthenticated);

    [Fact]
    public Task Grpc_with_an_expired_certificate_is_UNAUTHENTICATED() => AssertGrpcFailsAsync(server.ExpiredSchool, StatusCode.Unauthenticated);

    [Fact]
    public Task Grpc_with_a_revoked_certificate_is_UNAUTHENTICATED() => AssertGrpcFailsAsync(server.RevokedSchool, StatusCode.Unauthenticated);

    [Fact]
    public Task Grpc_with_a_certificate_of_another_CA_is_UNAUTHENTICATED() => AssertGrpcFailsAsync(server.ImpostorSchool, StatusCode.Unauthenticated);

    [Fact]
    public Task Grpc_from_another_agency_is_PERMISSION_DENIED() => AssertGrpcFailsAsync(server.NationalHealth, StatusCode.PermissionDenied);

    private async Task AssertGrpcFailsAsync(X509Certificate2? certificate, StatusCode expected) =>
        Assert.Equal(expected, (await Assert.ThrowsAsync<RpcException>(() => Check(certificate))).StatusCode);

    private async Task<HealthCheckResponse> Check(X509Certificate2? certificate)
    {
        using var channel = server.Channel(certificate);
        var health = new Health.HealthClient(channel);
        return await health.CheckAsync(new HealthCheckRequest());
    }
}
