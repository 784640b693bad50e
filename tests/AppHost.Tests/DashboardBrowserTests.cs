using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Playwright;
using Platform.Contracts.Education.V1;
using Platform.Contracts.Records.V1;
using Platform.Testing;

namespace Platform.AppHost.Tests;

/// <summary>What an operator sees in the Aspire dashboard of a running platform, in a real browser.</summary>
[Collection(DashboardPlatformCollection.Name)]
public sealed class DashboardBrowserTests(DashboardPlatformFixture fixture)
{
    // Services export telemetry in batches, each on its own schedule; two busy cores can delay them.
    private static readonly TimeSpan TelemetryArrival = TimeSpan.FromSeconds(90);

    private TestDashboard Dashboard => fixture.Dashboard;

    private async Task<IPage> SignedInPageAsync()
    {
        var page = await fixture.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        page.SetDefaultTimeout(60_000);
        page.SetDefaultNavigationTimeout(60_000);
        await page.GotoAsync(Dashboard.LoginUrl.ToString());
        await page.WaitForURLAsync(new Uri(Dashboard.Url, "/").ToString());
        return page;
    }

    private ILocator ResourceRow(IPage page, string resource) =>
        page.Locator("tr.resource-row").Filter(new() { Has = page.Locator($"td[title$=': {resource}']") });

    [Fact]
    public async Task Without_the_printed_token_the_dashboard_asks_for_it_and_refuses_a_wrong_one()
    {
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(new Uri(Dashboard.Url, "/traces").ToString());
        Assert.Contains("/login", page.Url);

        await page.GotoAsync(new Uri(Dashboard.Url, "/login?t=not-the-token").ToString());
        Assert.Contains("/login", page.Url);
        await Assertions.Expect(page.Locator("input[type=password]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Signed_in_with_the_token_every_resource_of_the_model_shows_running()
    {
        var page = await SignedInPageAsync();

        // The dashboard does not list itself.
        foreach (var resource in fixture.Platform.Resources.Where(r => r.Name != TestDashboard.ResourceName))
            await Assertions.Expect(ResourceRow(page, resource.Name).Locator("td[title='Running']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task One_record_is_one_trace_from_the_agency_grpc_call_through_the_outbox_to_the_gateway_consumer()
    {
        var recordId = $"trace-{Guid.NewGuid():N}";
        var education = new EducationRecords.EducationRecordsClient(fixture.Platform.App.CreateGrpcChannel("education", "education-national"));
        await education.SubmitAsync(new EducationRecord
        {
            Header = new RecordHeader
            {
                SourceRecordId = recordId, Version = 1, Iin = "150315501231", Kato = "751110000", OrganizationId = "school-17",
                OccurredAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero)),
            },
            Enrolment = new Enrolment { OrganizationType = OrganizationType.School, Form = EducationForm.General, Grade = 3, StartDate = "2026-09-01" },
        });

        using var api = new HttpClient { BaseAddress = Dashboard.Url };
        api.DefaultRequestHeaders.Add(TestDashboard.ApiKeyHeader, Dashboard.ApiKey);
        var traceId = await PollAsync(() => TraceOfRecordAsync(api, recordId));
        var services = await PollAsync(async () =>
        {
            var spans = await SpansOfTraceAsync(api, traceId);
            return spans?.Any(s => s is ("gateway", "gateway-profile receive")) == true ? spans : null;
        });
        Assert.Contains(services, s => s is ("education", "POST /platform.education.v1.EducationRecords/Submit"));
        Assert.Contains(services, s => s is ("education", "outbox relay"));

        var page = await SignedInPageAsync();
        await page.GotoAsync(new Uri(Dashboard.Url, $"/traces/detail/{traceId}").ToString());
        await Assertions.Expect(page.Locator("td[title='education: POST /platform.education.v1.EducationRecords/Submit']")).ToBeVisibleAsync();
        await page.Locator("input[name=spans-search]").FillAsync("gateway-profile");
        await Assertions.Expect(page.Locator("td[title='gateway: gateway-profile receive']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_telemetry_api_needs_the_api_key()
    {
        using var anonymous = new HttpClient { BaseAddress = Dashboard.Url };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/telemetry/resources")).StatusCode);

        using var api = new HttpClient { BaseAddress = Dashboard.Url };
        api.DefaultRequestHeaders.Add(TestDashboard.ApiKeyHeader, Dashboard.ApiKey);
        var resources = await PollAsync(async () =>
        {
            var names = (await api.GetFromJsonAsync<JsonElement>("/api/telemetry/resources")).EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToHashSet();
            return names.IsSupersetOf(["education", "health", "social", "gateway"]) ? names : null;
        });
        Assert.DoesNotContain("postgres", resources);
    }

    private static async Task<string?> TraceOfRecordAsync(HttpClient api, string recordId)
    {
        var spans = await api.GetFromJsonAsync<JsonElement>("/api/telemetry/spans?resource=education");
        return Spans(spans)
            .Where(span => span.Span.TryGetProperty("attributes", out var attributes) && attributes.EnumerateArray().Any(a =>
                a.GetProperty("key").GetString() == "platform.record.id" && a.GetProperty("value").GetProperty("stringValue").GetString() == recordId))
            .Select(span => span.Span.GetProperty("traceId").GetString())
            .FirstOrDefault();
    }

    private static async Task<List<(string Service, string Name)>?> SpansOfTraceAsync(HttpClient api, string traceId)
    {
        var response = await api.GetAsync($"/api/telemetry/traces/{traceId}");
        if (!response.IsSuccessStatusCode) return null;
        return Spans(await response.Content.ReadFromJsonAsync<JsonElement>()).Select(s => (s.Service, s.Span.GetProperty("name").GetString()!)).ToList();
    }

    /// <summary>Each span of an OTLP JSON answer, with the service.name of the resource it came from.</summary>
    private static IEnumerable<(string Service, JsonElement Span)> Spans(JsonElement answer) =>
        from resourceSpans in answer.GetProperty("data").GetProperty("resourceSpans").EnumerateArray()
        let service = resourceSpans.GetProperty("resource").GetProperty("attributes").EnumerateArray()
            .Single(a => a.GetProperty("key").GetString() == "service.name").GetProperty("value").GetProperty("stringValue").GetString()!
        from scopeSpans in resourceSpans.GetProperty("scopeSpans").EnumerateArray()
        from span in scopeSpans.GetProperty("spans").EnumerateArray()
        select (service, span);

    private static async Task<T> PollAsync<T>(Func<Task<T?>> attempt) where T : class
    {
        var deadline = DateTime.UtcNow + TelemetryArrival;
        while (true)
        {
            if (await attempt() is { } result) return result;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The telemetry did not arrive within {TelemetryArrival.TotalSeconds} s.");
            await Task.Delay(1000);
        }
    }
}
