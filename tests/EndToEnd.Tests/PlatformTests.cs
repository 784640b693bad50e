using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

[Collection(SharedPlatformCollection.Name)]
public sealed class PlatformTests(PlatformFixture platform)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Every_service_reports_healthy_including_its_database_and_the_broker()
    {
        foreach (var service in new[] { "education", "health", "social", "gateway" })
        {
            using var response = await Http.GetAsync(new Uri(platform.App.GetEndpoint(service, "http"), "/health"));
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", body.GetProperty("status").GetString());
            var checks = body.GetProperty("checks").EnumerateObject().Select(c => c.Name).ToList();
            Assert.Contains($"{service}-db", checks);
            Assert.Contains(checks, c => c.Contains("masstransit", StringComparison.OrdinalIgnoreCase));

            using var alive = await Http.GetAsync(new Uri(platform.App.GetEndpoint(service, "http"), "/alive"));
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }
    }

    [Fact]
    public async Task A_message_published_by_the_gateway_is_consumed_by_every_agency_service_over_the_real_broker()
    {
        using var anonymous = await Http.PostAsync(new Uri(platform.App.GetEndpoint("gateway", "http"), "/api/operations/bus-probe?waitSeconds=1"), null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var operatorSession = await platform.App.SignInStaffAsync("operator");
        using var response = await operatorSession.PostAsync("/api/operations/bus-probe?expect=education,health,social&waitSeconds=20", null);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(result.GetProperty("allExpectedAnswered").GetBoolean(), result.ToString());
        var answeredBy = result.GetProperty("answers").EnumerateArray().Select(a => a.GetProperty("service").GetString()).ToList();
        Assert.Contains("education", answeredBy);
        Assert.Contains("health", answeredBy);
        Assert.Contains("social", answeredBy);
    }
}

[Collection(CrashPlatformCollection.Name)]
public sealed class CrashTests(DisposablePlatformFixture platform)
{
    [Fact]
    public async Task A_crashed_service_is_shown_as_exited_in_the_model_with_its_log_kept_while_the_others_run_on()
    {
        System.Diagnostics.Process.GetProcessById(platform.Platform.ProcessIdOf("social")).Kill();
        var exited = await platform.Platform.WaitForStateAsync("social", TimeSpan.FromSeconds(30), KnownResourceStates.Exited, KnownResourceStates.Finished);

        // DCP reports the exit of `dotnet run`, whose service child was killed: not a clean exit.
        Assert.NotEqual(0, exited.ExitCode);
        Assert.Contains("Now listening on", await platform.Platform.ConsoleLogAsync("social"));
        Assert.True(platform.App.ResourceNotifications.TryGetCurrentState("gateway", out var gateway));
        Assert.Equal(KnownResourceStates.Running, gateway.Snapshot.State?.Text);
    }
}
