using Microsoft.Playwright;

namespace Platform.Gateway.Tests.Browser;

/// <summary>Signing in through the form in Debian's Chromium, against the Gateway on a real port with its development accounts.</summary>
[Collection(GatewayOnSharedBroker.Name)]
public sealed class StaffSignInBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string SeedPassword = "development seed password";

    [Fact]
    public async Task A_secretary_signs_in_through_the_form_switches_language_and_signs_out_without_any_policy_violation()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install the Debian package 'chromium' (tests/Gateway.Tests/prerequisites.sh).");
        await using var gateway = await StaffGateway.StartAsync("Development",
            new Dictionary<string, string> { ["Staff:SeedPassword"] = SeedPassword }, onKestrel: true);
        var address = gateway.Address.ToString().TrimEnd('/');
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"],
        });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        // Anything the Content-Security-Policy blocks is reported on the console.
        var policyViolations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) policyViolations.Add(message.Text);
        };

        await page.GotoAsync(address + "/");
        Assert.Equal(address + "/signin?returnUrl=%2F", page.Url);
        await page.FillAsync("input[name=userName]", "secretary.astana");
        await page.FillAsync("input[name=password]", "a wrong password");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#sign-in-error")).ToBeVisibleAsync();
        await page.FillAsync("input[name=userName]", "secretary.astana");
        await page.FillAsync("input[name=password]", SeedPassword);
        await page.ClickAsync("form.signin button[type=submit]");

        await page.WaitForURLAsync(address + "/");
        await Assertions.Expect(page.Locator("[data-field=display-name]")).ToHaveTextAsync("Секретарь районной КДНЗП (г. Астана)");
        await Assertions.Expect(page.Locator("[data-field=role]")).ToHaveTextAsync("Секретарь КДНЗП");
        await page.ClickAsync("text=KK");
        await Assertions.Expect(page.Locator("[data-field=role]")).ToHaveTextAsync("КДНЗП хатшысы");
        Assert.Equal("rgb(16, 36, 62)", await page.Locator("header").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));

        await page.ClickAsync("header button[type=submit]");
        await page.WaitForURLAsync(address + "/signin");
        await page.GotoAsync(address + "/");
        Assert.StartsWith(address + "/signin", page.Url);
        Assert.Empty(policyViolations);
    }
}
