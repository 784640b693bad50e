using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Territory;
using Platform.Gateway.Staff;
using static Platform.Gateway.Tests.StaffGateway;

namespace Platform.Gateway.Tests;

/// <summary>Staff sign-in and the administrator's pages on the real Gateway with its own PostgreSQL database.</summary>
[Collection(GatewayOnSharedBroker.Name)]
public sealed class StaffWebTests
{
    private static readonly StaffScope AstanaDistrict = StaffScope.Commission(CommissionLevel.District, Kato.Parse("711210000"));

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private static string? StaffCookie(HttpResponseMessage response) =>
        SetCookies(response).FirstOrDefault(c => c.StartsWith("gateway-staff=", StringComparison.Ordinal));

    [Fact]
    public async Task The_right_password_gives_a_secure_http_only_strict_cookie_and_the_home_page_shows_the_user()
    {
        await using var gateway = await StartAsync();
        await gateway.CreateAccountAsync("secretary.1", StaffRole.CommissionSecretary, AstanaDistrict);
        using var browser = gateway.Browser();

        var signIn = await SignInAsync(browser, "Secretary.1");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);
        var cookie = StaffCookie(signIn)?.ToLowerInvariant();
        Assert.NotNull(cookie);
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.Contains("secure", cookie);
        var home = await (await browser.GetAsync("/?lang=ru")).Content.ReadAsStringAsync();
        Assert.Contains("Рабочее место КДНЗП", home);
        Assert.Contains("Тестовый secretary.1", home);
        Assert.Contains("Секретарь КДНЗП", home);
        Assert.Contains("711210000", home);
        Assert.Contains("Commission secretary", await (await browser.GetAsync("/?lang=en")).Content.ReadAsStringAsync());
        Assert.Contains("КДНЗП хатшысы", await (await browser.GetAsync("/?lang=kk")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_generic_answer_and_no_cookie()
    {
        await using var gateway = await StartAsync();
        await gateway.CreateAccountAsync("analyst.1", StaffRole.ProjectOfficeAnalyst);
        using var browser = gateway.Browser();

        var wrongPassword = await SignInAsync(browser, "analyst.1", "not the right password");
        var unknownUser = await SignInAsync(browser, "nobody.here", "not the right password");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownUser.StatusCode);
        Assert.Null(StaffCookie(wrongPassword));
        Assert.Null(StaffCookie(unknownUser));
        static string Error(string page) => page[page.IndexOf("id=\"sign-in-error\"", StringComparison.Ordinal)..].Split("</p>")[0];
        Assert.Equal(Error(await wrongPassword.Content.ReadAsStringAsync()), Error(await unknownUser.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_user_costs_as_much_as_a_wrong_password()
    {
        await using var gateway = await StartAsync();
        await gateway.CreateAccountAsync("analyst.1", StaffRole.ProjectOfficeAnalyst);
        using var browser = gateway.Browser();

        async Task<TimeSpan> FastestRefusalAsync(string userName)
        {
            var fastest = TimeSpan.MaxValue;
            for (var i = 0; i < 3; i++)
            {
                var form = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["userName"] = userName, ["password"] = "not the right password",
                    ["__RequestVerificationToken"] = await FormTokenAsync(browser, "/signin"),
                });
                var watch = System.Diagnostics.Stopwatch.StartNew();
                Assert.Equal(HttpStatusCode.Unauthorized, (await browser.PostAsync("/signin", form)).StatusCode);
                fastest = TimeSpan.FromTicks(Math.Min(fastest.Ticks, watch.Elapsed.Ticks));
            }
            return fastest;
        }
        var wrongPassword = await FastestRefusalAsync("analyst.1");
        var unknownUser = await FastestRefusalAsync("nobody.here");

        // Without a hash for unknown users the difference is the whole key derivation, tens of times over.
        Assert.True(unknownUser > wrongPassword / 2, $"unknown user {unknownUser.TotalMilliseconds} ms, wrong password {wrongPassword.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one_until_an_administrator_unlocks_it()
    {
        await using var gateway = await StartAsync();
        var member = await gateway.CreateAccountAsync("member.1", StaffRole.CommissionMember, AstanaDistrict);
        await gateway.CreateAccountAsync("admin.1", StaffRole.Administrator);
        using var browser = gateway.Browser();
        for (var i = 0; i < LockoutRule.MaximumFailedAttempts; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(browser, "member.1", $"wrong password {i}")).StatusCode);

        var locked = await SignInAsync(browser, "member.1");
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Null(StaffCookie(locked));

        using var admin = gateway.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(admin, "admin.1")).StatusCode);
        var unlock = await SubmitAsync(admin, $"/staff/accounts/{member}", $"/staff/accounts/{member}/unlock");
        Assert.Equal(HttpStatusCode.Redirect, unlock.StatusCode);
        var account = await gateway.Services.GetRequiredService<StaffAccountStore>().GetAsync(member, CancellationToken.None);
        Assert.Equal("admin.1", account!.UpdatedBy);

        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(browser, "member.1")).StatusCode);
    }

    [Fact]
    public async Task A_hash_of_the_platforms_first_hasher_is_replaced_when_its_owner_signs_in()
    {
        await using var gateway = await StartAsync();
        var accounts = gateway.Services.GetRequiredService<StaffAccountStore>();
        var id = await accounts.CreateAsync(new NewStaffAccount("analyst.old", "Аналитик", StaffRole.ProjectOfficeAnalyst, StaffScope.National),
            IdentityV3Hash.EarlierPbkdf2Sha256(Password, iterations: 10_000), "test", CancellationToken.None);
        using var browser = gateway.Browser();

        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(browser, "analyst.old")).StatusCode);

        var account = await accounts.GetAsync(id!.Value, CancellationToken.None);
        Assert.Equal(StaffPasswordHasher.RecommendedIterations, IdentityV3Hash.Read(account!.PasswordHash).Iterations);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(gateway.Browser(), "analyst.old")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_account_is_refused_and_its_existing_cookie_stops_working_at_once()
    {
        await using var gateway = await StartAsync();
        var operatorId = await gateway.CreateAccountAsync("operator.1", StaffRole.Operator);
        await gateway.CreateAccountAsync("admin.1", StaffRole.Administrator);
        using var operatorBrowser = gateway.Browser();
        await SignInAsync(operatorBrowser, "operator.1");
        Assert.Equal(HttpStatusCode.OK, (await operatorBrowser.GetAsync("/")).StatusCode);

        using var admin = gateway.Browser();
        await SignInAsync(admin, "admin.1");
        Assert.Equal(HttpStatusCode.Redirect,
            (await SubmitAsync(admin, $"/staff/accounts/{operatorId}", $"/staff/accounts/{operatorId}/disable")).StatusCode);

        var afterDisable = await operatorBrowser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, afterDisable.StatusCode);
        Assert.StartsWith("https://localhost/signin", afterDisable.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(operatorBrowser, "operator.1")).StatusCode);

        await SubmitAsync(admin, $"/staff/accounts/{operatorId}", $"/staff/accounts/{operatorId}/enable");
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(operatorBrowser, "operator.1")).StatusCode);

        var self = await gateway.Services.GetRequiredService<StaffAccountStore>().FindByUserNameAsync("admin.1", CancellationToken.None);
        Assert.Equal(HttpStatusCode.BadRequest, (await SubmitAsync(admin, $"/staff/accounts/{self!.Id}", $"/staff/accounts/{self.Id}/disable")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/staff/accounts")).StatusCode);
    }

    [Fact]
    public async Task The_account_pages_are_for_administrators_only_and_pages_need_sign_in()
    {
        await using var gateway = await StartAsync();
        await gateway.CreateAccountAsync("secretary.1", StaffRole.CommissionSecretary, AstanaDistrict);
        using var anonymous = gateway.Browser();

        var redirected = await anonymous.GetAsync("/staff/accounts");
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal("https://localhost/signin?returnUrl=%2Fstaff%2Faccounts", redirected.Headers.Location?.ToString());

        using var secretary = gateway.Browser();
        await SignInAsync(secretary, "secretary.1");
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.GetAsync("/staff/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.GetAsync("/staff/accounts/new")).StatusCode);
        var token = await FormTokenAsync(secretary, "/");
        var create = await secretary.PostAsync("/staff/accounts", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "intruder", ["displayName"] = "x", ["role"] = "administrator", ["password"] = Password,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Null(await gateway.Services.GetRequiredService<StaffAccountStore>().FindByUserNameAsync("intruder", CancellationToken.None));
    }

    [Fact]
    public async Task An_administrator_creates_an_account_under_the_password_policy_and_a_password_reset_ends_old_sessions()
    {
        await using var gateway = await StartAsync();
        await gateway.CreateAccountAsync("admin.1", StaffRole.Administrator);
        using var admin = gateway.Browser();
        await SignInAsync(admin, "admin.1");

        var tooShort = await SubmitAsync(admin, "/staff/accounts/new", "/staff/accounts",
            ("userName", "secretary.2"), ("displayName", "Айгерим Нурланова"), ("role", "commission_secretary"),
            ("level", "district"), ("territory", "711210000"), ("password", "short"));
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        var created = await SubmitAsync(admin, "/staff/accounts/new", "/staff/accounts",
            ("userName", "secretary.2"), ("displayName", "Айгерим Нурланова"), ("role", "commission_secretary"),
            ("level", "district"), ("territory", "711210000"), ("password", "first password of Aigerim"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("id=\"saved\"", await (await admin.GetAsync(created.Headers.Location)).Content.ReadAsStringAsync());
        var duplicate = await SubmitAsync(admin, "/staff/accounts/new", "/staff/accounts",
            ("userName", "SECRETARY.2"), ("displayName", "Другая"), ("role", "operator"), ("password", "another long password"));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);

        var account = await gateway.Services.GetRequiredService<StaffAccountStore>().FindByUserNameAsync("secretary.2", CancellationToken.None);
        Assert.Equal(("admin.1", AstanaDistrict), (account!.UpdatedBy, account.Scope));
        Assert.Contains("Айгерим Нурланова", await (await admin.GetAsync("/staff/accounts")).Content.ReadAsStringAsync());

        using var secretary = gateway.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(secretary, "secretary.2", "first password of Aigerim")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await secretary.GetAsync("/")).StatusCode);

        var reset = await SubmitAsync(admin, $"/staff/accounts/{account.Id}", $"/staff/accounts/{account.Id}/password",
            ("password", "second password of Aigerim"));
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await secretary.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(secretary, "secretary.2", "first password of Aigerim")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(secretary, "secretary.2", "second password of Aigerim")).StatusCode);
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        await using var gateway = await StartAsync();
        await gateway.CreateAccountAsync("analyst.1", StaffRole.ProjectOfficeAnalyst);
        using var browser = gateway.Browser();
        await SignInAsync(browser, "analyst.1");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);

        var signOut = await SubmitAsync(browser, "/", "/signout");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Contains(SetCookies(signOut), c => c.StartsWith("gateway-staff=;", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        await using var gateway = await StartAsync();
        await gateway.CreateAccountAsync("analyst.1", StaffRole.ProjectOfficeAnalyst);
        using var browser = gateway.Browser();
        await FormTokenAsync(browser, "/signin");

        var forged = await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "analyst.1", ["password"] = Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null(StaffCookie(forged));
        await SignInAsync(browser, "analyst.1");
        var forgedSignOut = await browser.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forgedSignOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Pages_carry_the_security_headers_and_refuse_large_bodies()
    {
        await using var gateway = await StartAsync();
        using var browser = gateway.Browser();

        var page = await browser.GetAsync("/signin");

        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("default-src 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.StartsWith("max-age=", page.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.True(page.Headers.CacheControl?.NoStore);
        Assert.DoesNotContain("<script", await page.Content.ReadAsStringAsync());

        var huge = await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = new string('a', 100_000), ["password"] = "x",
        }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429_with_Retry_After()
    {
        await using var gateway = await StartAsync(settings: new Dictionary<string, string> { ["Staff:RateLimits:SignInAttemptsPerMinute"] = "3" });
        await gateway.CreateAccountAsync("analyst.1", StaffRole.ProjectOfficeAnalyst);
        using var browser = gateway.Browser();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(browser, "analyst.1", "guessing a password")).StatusCode);

        var limited = await SignInAsync(browser, "analyst.1");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Null(StaffCookie(limited));
        // The limit is per user name: a colleague behind the same address can still sign in.
        await gateway.CreateAccountAsync("analyst.2", StaffRole.ProjectOfficeAnalyst);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(gateway.Browser(), "analyst.2")).StatusCode);
    }

    [Fact]
    public async Task Pages_beyond_the_per_user_limit_get_429()
    {
        await using var gateway = await StartAsync(settings: new Dictionary<string, string> { ["Staff:RateLimits:RequestsPerMinute"] = "5" });
        await gateway.CreateAccountAsync("analyst.1", StaffRole.ProjectOfficeAnalyst);
        using var browser = gateway.Browser();
        await SignInAsync(browser, "analyst.1");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) statuses.Add((await browser.GetAsync("/")).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Contains(HttpStatusCode.OK, statuses);
    }

    [Fact]
    public async Task The_json_api_beyond_the_per_caller_limit_gets_429_while_another_user_is_served()
    {
        await using var gateway = await StartAsync(settings: new Dictionary<string, string>
        {
            ["RateLimits:Burst"] = "3",
            ["RateLimits:CallsPerSecond"] = "1",
        });
        await gateway.CreateAccountAsync("operator.1", StaffRole.Operator);
        await gateway.CreateAccountAsync("operator.2", StaffRole.Operator);
        using var flooding = gateway.Browser();
        await SignInAsync(flooding, "operator.1");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) statuses.Add((await flooding.GetAsync("/api/operations/profile-errors")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        var limited = await flooding.GetAsync("/api/operations/profile-errors");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("per caller exceeded", await limited.Content.ReadAsStringAsync());
        using var colleague = gateway.Browser();
        await SignInAsync(colleague, "operator.2");
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync("/api/operations/profile-errors")).StatusCode);
    }

    [Fact]
    public async Task Development_seeds_one_account_per_role_with_the_configured_password_over_plain_http()
    {
        const string seedPassword = "development seed password";
        await using var gateway = await StartAsync("Development", new Dictionary<string, string> { ["Staff:SeedPassword"] = seedPassword });

        var accounts = await gateway.Services.GetRequiredService<StaffAccountStore>().ListAsync(CancellationToken.None);
        Assert.Equal(StaffRole.All.OrderBy(r => r.Code), accounts.Select(a => a.Role).Distinct().OrderBy(r => r.Code));
        Assert.All(accounts, a => Assert.Equal("development-seed", a.UpdatedBy));

        using var browser = gateway.Browser(https: false);
        var signIn = await SignInAsync(browser, "admin", seedPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("secure", StaffCookie(signIn)!.ToLowerInvariant());
        var page = await browser.GetAsync("/staff/accounts");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
    }
}
