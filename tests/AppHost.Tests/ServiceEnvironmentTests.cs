using System.Text;
using Aspire.Hosting.Testing;
using Platform.Testing;

namespace Platform.AppHost.Tests;

/// <summary>The environment each service process was started with, read from the running process as the service itself sees it.</summary>
[Collection(DashboardPlatformCollection.Name)]
public sealed class ServiceEnvironmentTests(DashboardPlatformFixture fixture)
{
    private IReadOnlyDictionary<string, string> EnvironmentOf(string service)
    {
        var pid = fixture.Platform.ProcessIdOf(service);
        return Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{pid}/environ"))
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(variable => variable.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : "");
    }

    [Theory]
    [InlineData("education")]
    [InlineData("health")]
    [InlineData("social")]
    public async Task An_agency_service_gets_the_connection_strings_of_its_own_database_and_the_broker_only(string agency)
    {
        var environment = EnvironmentOf(agency);

        Assert.Equal(await fixture.Platform.ConnectionStringAsync($"{agency}-db"), environment[$"ConnectionStrings__{agency}-db"]);
        Assert.Contains($"Database={agency}-db", environment[$"ConnectionStrings__{agency}-db"]);
        Assert.StartsWith("amqp://", environment["ConnectionStrings__messaging"]);
        // Aspire gives each name also with '_' for '-', for shells and libraries that cannot read a '-' in a variable.
        Assert.Equal(new[] { $"{agency}-db", "messaging" }.Order(),
            environment.Keys.Where(key => key.StartsWith("ConnectionStrings__")).Select(key => key["ConnectionStrings__".Length..].Replace('_', '-')).Distinct().Order());
    }

    [Fact]
    public void The_gateway_finds_each_agency_service_through_service_discovery()
    {
        var environment = EnvironmentOf("gateway");

        foreach (var agency in new[] { "education", "health", "social" })
        {
            Assert.Equal(fixture.Platform.App.GetEndpoint(agency, "grpc").ToString().TrimEnd('/'), environment[$"services__{agency}__grpc__0"].TrimEnd('/'));
            Assert.StartsWith("https://", environment[$"services__{agency}__grpc__0"]);
            Assert.StartsWith("http://", environment[$"services__{agency}__http__0"]);
        }
    }

    [Theory]
    [InlineData("education")]
    [InlineData("gateway")]
    public void A_service_exports_its_telemetry_to_the_dashboard_under_its_own_name(string service)
    {
        var environment = EnvironmentOf(service);

        Assert.Equal(service, environment["OTEL_SERVICE_NAME"]);
        Assert.Equal(fixture.Dashboard.OtlpEndpoint.ToString().TrimEnd('/'), environment["OTEL_EXPORTER_OTLP_ENDPOINT"].TrimEnd('/'));
        Assert.Contains("service.instance.id=", environment["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal("Development", environment["ASPNETCORE_ENVIRONMENT"]);
    }

    [Theory]
    [InlineData("education")]
    [InlineData("gateway")]
    public void A_service_with_grpc_gets_the_platform_server_certificate_the_ca_and_the_revocation_list(string service)
    {
        var environment = EnvironmentOf(service);

        var expected = fixture.Platform.App.DevelopmentFiles().Configuration;
        Assert.Equal(4, expected.Count);
        foreach (var (key, path) in expected)
        {
            Assert.Equal(path, environment[key.Replace(":", "__")]);
            Assert.True(File.Exists(path), $"{key}: {path} does not exist.");
        }
    }
}
