using Microsoft.Playwright;

namespace Platform.Gateway.Tests.Browser;

/// <summary>The Gateway on a real loopback port with its development accounts, and Debian's Chromium driven through Playwright.</summary>
internal sealed class GatewayInChromium : IAsyncDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    public const string SeedPassword = "development seed password";

    private readonly StaffGateway _gateway;
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private GatewayInChromium(StaffGateway gateway, IPlaywright playwright, IBrowser browser) =>
        (_gateway, _playwright, _browser) = (gateway, playwright, browser);

    public string Address => _gateway.Address.ToString().TrimEnd('/');

    public IServiceProvider Services => _gateway.Services;

    public static async Task<GatewayInChromium> StartAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install the Debian package 'chromium' (tests/Gateway.Tests/prerequisites.sh).");
        var gateway = await StaffGateway.StartAsync("Development",
            new Dictionary<string, string> { ["Staff:SeedPassword"] = SeedPassword }, onKestrel: true);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"],
        });
        return new GatewayInChromium(gateway, playwright, browser);
    }

    public async Task<IPage> NewPageAsync()
    {
        var page = await _browser.NewPageAsync();
        // Two cores shared with other test runs: pages can be slow to settle.
        page.SetDefaultTimeout(60_000);
        return page;
    }

    public async Task SignInAsync(IPage page, string userName, string password = SeedPassword)
    {
        await page.GotoAsync(Address + "/signin");
        await page.FillAsync("input[name=userName]", userName);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("form.signin button[type=submit]");
        await page.WaitForURLAsync(Address + "/");
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _gateway.DisposeAsync();
    }
}

[Collection(GatewayOnSharedBroker.Name)]
public sealed class StaffSignInBrowserTests
{
    [Fact]
    public async Task A_secretary_signs_in_through_the_form_switches_language_and_signs_out_without_any_policy_violation()
    {
        await using var gateway = await GatewayInChromium.StartAsync();
        var address = gateway.Address;
        var page = await gateway.NewPageAsync();
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
        await page.FillAsync("input[name=password]", GatewayInChromium.SeedPassword);
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

    [Fact]
    public async Task The_administrator_creates_an_account_through_the_forms_and_it_can_sign_in()
    {
        await using var gateway = await GatewayInChromium.StartAsync();
        var admin = await gateway.NewPageAsync();
        await gateway.SignInAsync(admin, "admin");

        await admin.ClickAsync("header >> text=Учётные записи");
        await Assertions.Expect(admin.Locator("#accounts tr[data-user-name]")).ToHaveCountAsync(5);
        await admin.ClickAsync("text=Новая учётная запись");
        await admin.FillAsync("input[name=userName]", "member.shymkent");
        await admin.FillAsync("input[name=displayName]", "Ерлан Серикович Абенов");
        await admin.SelectOptionAsync("select[name=role]", "commission_member");
        await admin.SelectOptionAsync("select[name=level]", "city");
        await admin.FillAsync("input[name=territory]", "790000000");
        await admin.FillAsync("input[name=password]", "initial password of Erlan");
        await admin.ClickAsync("main button[type=submit]");
        await Assertions.Expect(admin.Locator("#saved")).ToBeVisibleAsync();

        var member = await gateway.NewPageAsync();
        await gateway.SignInAsync(member, "member.shymkent", "initial password of Erlan");
        await Assertions.Expect(member.Locator("[data-field=territory]")).ToContainTextAsync("город Шымкент");
        Assert.Equal(403, (await member.GotoAsync(gateway.Address + "/staff/accounts"))!.Status);
        await Assertions.Expect(member.Locator("h1")).ToHaveTextAsync("Доступ запрещён");
    }
}
