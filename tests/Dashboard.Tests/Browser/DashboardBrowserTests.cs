using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Platform.AppHost.Hosting.Application;
using Platform.AppHost.Testing;

namespace Platform.Dashboard.Tests.Browser;

/// <summary>The whole platform with its dashboard, started once, and Debian's Chromium driven through Playwright.</summary>
public sealed class DashboardPlatformFixture : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private IPlaywright _playwright = null!;

    public DistributedApplication App { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = DistributedApplicationTestingBuilder.CreatePlatform("dashboard-browser", withDashboard: true).Build();
        await App.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        Assert.True(await App.WaitForAllResourcesAsync(timeout.Token),
            string.Join("\n", App.ResourceNotifications.Snapshots.Select(s => $"{s.Name}: {s.State} {s.Message}")));
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install the Debian package 'chromium' (tests/Dashboard.Tests/prerequisites.sh).");
        _playwright = await Playwright.CreateAsync();
        Assertions.SetDefaultExpectTimeout(30_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await App.StopAsync();
    }
}

public sealed class DashboardBrowserTests(DashboardPlatformFixture platform) : IClassFixture<DashboardPlatformFixture>
{
    private DistributedApplication App => platform.App;
    private IBrowser Browser => platform.Browser;

    private async Task<IPage> SignedInPageAsync()
    {
        var page = await Browser.NewPageAsync();
        // Two cores run every test project at once in CI: pages can be slow to settle.
        page.SetDefaultTimeout(60_000);
        page.SetDefaultNavigationTimeout(60_000);
        await page.GotoAsync(App.Dashboard!.UiUrl + "/login");
        await page.FillAsync("input[name=token]", App.Dashboard.BrowserToken);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(App.Dashboard.UiUrl + "/", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        return page;
    }

    [Fact]
    public async Task A_wrong_token_is_refused_and_pages_need_sign_in()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(App.Dashboard!.UiUrl + "/traces");
        Assert.EndsWith("/login?ReturnUrl=%2Ftraces", page.Url);
        await page.FillAsync("input[name=token]", "not-the-token");
        await page.ClickAsync("button[type=submit]");
        Assert.True(await page.Locator("#login-error").IsVisibleAsync());
    }

    [Fact]
    public async Task The_resources_page_shows_every_resource_running()
    {
        var page = await SignedInPageAsync();
        foreach (var resource in App.Resources)
        {
            var state = page.Locator($"tr[data-resource='{resource.Name}'] td.state-Running");
            await Assertions.Expect(state).ToBeVisibleAsync(new() { Timeout = 10_000 });
        }
        await page.GotoAsync(App.Dashboard!.UiUrl + "/?lang=en");
        Assert.Equal("Resources", await page.Locator("h1").InnerTextAsync());
        await page.GotoAsync(App.Dashboard.UiUrl + "/?lang=kk");
        Assert.Equal("Ресурстар", await page.Locator("h1").InnerTextAsync());
    }

    [Fact]
    public async Task The_traces_page_finds_one_trace_across_the_gateway_and_an_agency_service()
    {
        using var operatorSession = await App.SignInStaffAsync("operator");
        using var probe = await operatorSession.PostAsync("/api/operations/bus-probe?expect=education,health,social&waitSeconds=20", null);
        var answer = await probe.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(answer.GetProperty("allExpectedAnswered").GetBoolean(), answer.ToString());

        var page = await SignedInPageAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        ILocator trace;
        do
        {
            await page.GotoAsync(App.Dashboard!.UiUrl + "/traces?resource=education&attribute=bus-probe");
            trace = page.Locator("tr[data-trace-id]", new() { HasText = "gateway" });
            // Each service exports on its own schedule: the row names the root span once the agency's has arrived.
            if (await trace.CountAsync() > 0 && (await trace.First.InnerTextAsync()).Contains("EducationRecords/Submit")) break;
            await Task.Delay(1000);
        } while (DateTime.UtcNow < deadline);
        Assert.True(await trace.CountAsync() > 0, await page.ContentAsync());

        Assert.Contains("POST /api/operations/bus-probe", await trace.First.Locator("a").InnerTextAsync());
        await trace.First.Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("tr.span[data-service='gateway']").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tr.span[data-service='education']").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_metrics_page_shows_request_durations_outbox_backlog_and_queue_depth()
    {
        var page = await SignedInPageAsync();
        var expected = new[] { "http.server.request.duration", "platform.outbox.pending", "rabbitmq.queue.messages_ready" };
        var deadline = DateTime.UtcNow.AddSeconds(40);
        string content;
        do
        {
            await page.GotoAsync(App.Dashboard!.UiUrl + "/metrics");
            content = await page.ContentAsync();
            if (expected.All(content.Contains)) break;
            await Task.Delay(2000);
        } while (DateTime.UtcNow < deadline);
        Assert.All(expected, name => Assert.Contains(name, content));

        await page.GotoAsync(App.Dashboard!.UiUrl + "/metrics/messaging/rabbitmq.queue.messages_ready");
        await Assertions.Expect(page.Locator("svg.chart, p.muted").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task One_record_is_one_trace_from_the_agency_grpc_call_to_the_gateway_consumer()
    {
        var recordId = $"trace-{Guid.NewGuid():N}";
        var education = new Platform.Contracts.Education.V1.EducationRecords.EducationRecordsClient(
            Platform.AppHost.Testing.AgencySystemChannels.CreateGrpcChannel(App, "education", "education-national"));
        await education.SubmitAsync(new()
        {
            Header = new Platform.Contracts.Records.V1.RecordHeader
            {
                SourceRecordId = recordId, Version = 1, Iin = "150315501231", Kato = "751110000", OrganizationId = "school-17",
                OccurredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero)),
            },
            Enrolment = new() { OrganizationType = Platform.Contracts.Education.V1.OrganizationType.School, Form = Platform.Contracts.Education.V1.EducationForm.General, Grade = 3, StartDate = "2026-09-01" },
        });

        var page = await SignedInPageAsync();
        // Generous: under a full test run on two cores the services' exports can lag (it took over 40 s once).
        var deadline = DateTime.UtcNow.AddSeconds(90);
        ILocator trace;
        do
        {
            await page.GotoAsync(App.Dashboard!.UiUrl + $"/traces?attribute=platform.record.id%3D{recordId}");
            trace = page.Locator("tr[data-trace-id]", new() { HasText = "gateway" });
            // Each service exports on its own schedule: the row names the root span once the agency's has arrived.
            if (await trace.CountAsync() > 0 && (await trace.First.InnerTextAsync()).Contains("EducationRecords/Submit")) break;
            await Task.Delay(1000);
        } while (DateTime.UtcNow < deadline);
        Assert.Equal(1, await page.Locator("tr[data-trace-id]").CountAsync());
        Assert.True(await trace.CountAsync() == 1, "The record's trace never showed the Gateway: " + await page.Locator("tr[data-trace-id]").First.InnerTextAsync());
        Assert.Contains("EducationRecords/Submit", await trace.First.InnerTextAsync());

        var traceUrl = App.Dashboard.UiUrl + "/traces/" + await trace.First.GetAttributeAsync("data-trace-id");
        string waterfall;
        do
        {
            // Each service exports on its own schedule: wait until the consumer's span has arrived too.
            await page.GotoAsync(traceUrl);
            waterfall = string.Join("\n", await page.Locator("tr.span summary").AllInnerTextsAsync());
            if (waterfall.Contains("gateway: gateway-profile receive")) break;
            await Task.Delay(1000);
        } while (DateTime.UtcNow < deadline);
        Assert.Matches(@"education: .*platform\.education\.v1\.EducationRecords/Submit", waterfall);
        Assert.Contains("outbox relay", waterfall);
        Assert.True(waterfall.Contains("gateway: gateway-profile receive"), waterfall);
        await Assertions.Expect(page.Locator("tr.span[data-service='gateway']").First).ToBeVisibleAsync();
    }
}
