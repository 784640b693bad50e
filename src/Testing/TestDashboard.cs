using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace Platform.Testing;

/// <summary>
/// A test platform's Aspire dashboard: where it answers (the proxied addresses the testing builder allocates) and the
/// secrets of this run, the browser token of its login page and the API key of its telemetry API
/// (<c>/api/telemetry</c>, header <c>X-API-Key</c>).
/// </summary>
public sealed record TestDashboard(Uri Url, Uri OtlpEndpoint, string BrowserToken, string ApiKey)
{
    public const string ResourceName = "aspire-dashboard";
    public const string ApiKeyHeader = "X-API-Key";

    /// <summary>The login link start.sh prints for people.</summary>
    public Uri LoginUrl => new(Url, $"/login?t={BrowserToken}");

    /// <summary>Secrets of a new run.</summary>
    public static (string BrowserToken, string ApiKey) NewSecrets() =>
        (RandomNumberGenerator.GetHexString(32, lowercase: true), RandomNumberGenerator.GetHexString(32, lowercase: true));

    /// <summary>
    /// The AppHost's configuration for the dashboard (the keys Aspire's DistributedApplicationBuilder reads): the secrets, and
    /// allocated ports for the dashboard's own listeners instead of the launch profile's fixed ones, where a
    /// developer's platform may be running.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Settings((string BrowserToken, string ApiKey) secrets) => new Dictionary<string, string?>
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePorts.Allocate()}",
        ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePorts.Allocate()}",
        ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePorts.Allocate()}",
        ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
        ["ASPIRE_DASHBOARD_FRONTEND_BROWSERTOKEN"] = secrets.BrowserToken,
        ["AppHost:DashboardApiKey"] = secrets.ApiKey,
    };

    /// <summary>The dashboard of a started <paramref name="app"/>.</summary>
    public static TestDashboard Of(DistributedApplication app, (string BrowserToken, string ApiKey) secrets) =>
        new(app.GetEndpoint(ResourceName, "http"), app.GetEndpoint(ResourceName, "otlp-grpc"), secrets.BrowserToken, secrets.ApiKey);
}
