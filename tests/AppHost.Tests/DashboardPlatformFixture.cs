using Microsoft.Playwright;
using Platform.Testing;

namespace Platform.AppHost.Tests;

/// <summary>The whole platform with the Aspire dashboard, started once from the AppHost's model, and Debian's Chromium driven through Playwright.</summary>
public sealed class DashboardPlatformFixture : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public TestPlatform Platform { get; private set; } = null!;

    public TestDashboard Dashboard => Platform.Dashboard!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install the Debian package 'chromium' (tests/AppHost.Tests/prerequisites.sh).");
        Platform = await TestPlatform.StartAsync("dashboard", withDashboard: true);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (Platform is not null) await Platform.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardPlatformCollection : ICollectionFixture<DashboardPlatformFixture>
{
    public const string Name = "platform with the Aspire dashboard";
}
