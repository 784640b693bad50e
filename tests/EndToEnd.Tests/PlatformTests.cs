using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.AppHost.Hosting.Orchestration;
using Platform.AppHost.Hosting.Resources;
using Platform.AppHost.Testing;

namespace Platform.EndToEnd.Tests;

[Collection(SharedPlatformCollection.Name)]
public sealed class PlatformTests(PlatformFixture platform)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Every_service_reports_healthy_including_its_database_and_the_broker()
    {
        foreach (var service in platform.App.Resources.OfType<ProjectResource>().Where(p => !p.RunsToCompletion))
        {
            using var response = await Http.GetAsync(new Uri(platform.App.GetEndpoint(service.Name), "/health"));
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", body.GetProperty("status").GetString());
            var checks = body.GetProperty("checks").EnumerateObject().Select(c => c.Name).ToList();
            Assert.Contains($"{service.Name}-db", checks);
            Assert.Contains(checks, c => c.Contains("masstransit", StringComparison.OrdinalIgnoreCase));

            using var alive = await Http.GetAsync(new Uri(platform.App.GetEndpoint(service.Name), "/alive"));
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }
    }

    [Fact]
    public async Task A_message_published_by_the_gateway_is_consumed_by_every_agency_service_over_the_real_broker()
    {
        using var anonymous = await Http.PostAsync(new Uri(platform.App.GetEndpoint("gateway"), "/api/operations/bus-probe?waitSeconds=1"), null);
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
    public async Task A_crashed_service_is_shown_as_exited_with_its_exit_code_and_last_log_lines()
    {
        var social = platform.App.ResourceNotifications.Get("social");
        Assert.True(social.IsReady);

        System.Diagnostics.Process.GetProcessById(social.ProcessId!.Value).Kill();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var exited = await platform.App.ResourceNotifications.WaitForAsync("social", s => s.State == ResourceState.Exited, timeout.Token);

        Assert.Equal(137, exited.ExitCode);
        Assert.StartsWith("Exited with code 137.", exited.Message);
        Assert.Contains("Now listening on", exited.Message + string.Join("\n", platform.App.ResourceLogs.For("social").LastLines(50)));
        Assert.Equal(ResourceState.Running, platform.App.ResourceNotifications.Get("gateway").State);
    }
}
