using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Security.MutualTls;

namespace Platform.Security.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public async Task A_service_without_the_platform_CA_does_not_start()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => BuildAndStartAsync(new Dictionary<string, string?>()));
        Assert.Contains("Security:CaCertificate", failure.Message);
    }

    [Fact]
    public async Task A_service_whose_CA_file_is_missing_does_not_start()
    {
        await Assert.ThrowsAnyAsync<IOException>(() => BuildAndStartAsync(new Dictionary<string, string?> { ["Security:CaCertificate"] = "/nonexistent/ca.crt" }));
    }

    // Kestrel reads its options while the application is built, so a missing setting can already fail there.
    private static async Task BuildAndStartAsync(Dictionary<string, string?> configuration)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddAgencyCertificateAuthentication();
        await using var web = builder.Build();
        await web.StartAsync();
    }
}
