using System.Security.Cryptography;

namespace Platform.AppHost.Dashboard;

/// <summary>Where the dashboard listens, how it is protected, how much telemetry it keeps and for how long.</summary>
public sealed record DashboardOptions
{
    public const int DefaultUiPort = 18888;
    public const int DefaultOtlpGrpcPort = 18889;
    public const int DefaultOtlpHttpPort = 18890;

    public int UiPort { get; init; } = DefaultUiPort;
    public int OtlpHttpPort { get; init; } = DefaultOtlpHttpPort;
    public int OtlpGrpcPort { get; init; } = DefaultOtlpGrpcPort;

    /// <summary>Signs a browser in; printed at start as the Aspire dashboard does.</summary>
    public string BrowserToken { get; init; } = NewSecret();

    /// <summary>Services send it in <c>x-otlp-api-key</c>; the AppHost gives it to them in OTEL_EXPORTER_OTLP_HEADERS.</summary>
    public string OtlpApiKey { get; init; } = NewSecret();

    public required string TelemetryDirectory { get; init; }
    public TimeSpan TelemetryRetention { get; init; } = TimeSpan.FromHours(24);
    public int MaximumSpans { get; init; } = 100_000;
    public int MaximumLogEntries { get; init; } = 100_000;
    public int MaximumMetricPoints { get; init; } = 200_000;

    public string UiUrl => $"http://127.0.0.1:{UiPort}";
    public string OtlpHttpUrl => $"http://127.0.0.1:{OtlpHttpPort}";
    public string OtlpGrpcUrl => $"http://127.0.0.1:{OtlpGrpcPort}";
    public string LoginUrl => $"{UiUrl}/login?t={Uri.EscapeDataString(BrowserToken)}";

    private static string NewSecret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}
