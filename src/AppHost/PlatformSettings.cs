namespace Platform.AppHost;

/// <summary>The AppHost's own configuration keys (appsettings.json, the launch profile, or <c>--Key=value</c> arguments).</summary>
internal static class PlatformSettings
{
    /// <summary>The Gateway's web port; the launch profile pins 18080 for people, tests leave it to be allocated.</summary>
    public const string GatewayHttpPort = "Platform:GatewayHttpPort";

    /// <summary>The development staff accounts' password (otherwise generated and written to the Gateway's log once).</summary>
    public const string StaffSeedPassword = "Staff:SeedPassword";

    /// <summary>Per-caller rate limits (<c>RateLimits:CallsPerSecond</c>, <c>RateLimits:Burst</c>), passed to every service.</summary>
    public const string RateLimits = "RateLimits";

    /// <summary>The staff pages' rate limits (<c>Staff:RateLimits:RequestsPerMinute</c>, ...), passed to the Gateway.</summary>
    public const string StaffRateLimits = "Staff:RateLimits";

    /// <summary>The demo data load's settings (<c>DemoData:Children</c>, <c>DemoData:Seed</c>, ...).</summary>
    public const string DemoData = "DemoData";

    public const string DemoDataChildren = "DemoData:Children";

    /// <summary>How many demo cases the Gateway opens for the development secretary's commission once demo data has arrived.</summary>
    public const string DemoDataCases = "DemoData:Cases";
}
