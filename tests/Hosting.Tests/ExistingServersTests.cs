using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Hosting.Postgres;
using Platform.Hosting.RabbitMQ;

namespace Platform.Hosting.Tests;

public sealed class ExistingServersTests : IDisposable
{
    private readonly TestRun _local = new();
    private readonly TestRun _existing = new();

    [Fact]
    public async Task Configured_connection_strings_use_those_servers_start_no_process_and_create_missing_databases()
    {
        var local = _local.Builder();
        local.AddPostgresServer("postgres").AddDatabase("education-db");
        local.AddRabbitMQServer("messaging");
        await using var servers = await TestRun.StartHealthyAsync(local, "postgres", "education-db", "messaging");
        var postgres = (await servers.GetConnectionStringAsync("postgres"))!;
        var educationDb = (await servers.GetConnectionStringAsync("education-db"))!;
        var messaging = (await servers.GetConnectionStringAsync("messaging"))!;

        var builder = _existing.Builder();
        builder.Configuration["ConnectionStrings:postgres"] = postgres;
        builder.Configuration["ConnectionStrings:messaging"] = messaging;
        // A database with its own connection string is used as it is, whatever the server's.
        builder.Configuration["ConnectionStrings:health-db"] = educationDb;
        var server = builder.AddPostgresServer("postgres");
        server.AddDatabase("social-db");
        server.AddDatabase("health-db");
        builder.AddRabbitMQServer("messaging");
        Assert.False(server.IsLocal);

        await using var app = await TestRun.StartHealthyAsync(builder, "postgres", "social-db", "health-db", "messaging");

        Assert.Empty(app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ExecutableResource>());
        Assert.Empty(RunProcess.Of(_existing.DataFolder));
        Assert.Equal(messaging, await app.GetConnectionStringAsync("messaging"));
        Assert.Equal(educationDb, await app.GetConnectionStringAsync("health-db"));
        // Created on the first app's server, so a service waiting for it would find it.
        Assert.Equal(1, await Clients.QueryAsync<int>(postgres + ";Database=postgres", "SELECT count(*)::int FROM pg_database WHERE datname = 'social-db'"));
        Assert.Equal("social-db", await Clients.QueryAsync<string>((await app.GetConnectionStringAsync("social-db"))!, "SELECT current_database()"));
    }

    [Fact]
    public async Task An_unreachable_existing_server_is_reported_unhealthy_and_holds_what_waits_for_it()
    {
        var builder = _existing.Builder();
        // Nothing listens on port 1 of loopback: the connection is refused at once.
        builder.Configuration["ConnectionStrings:postgres"] = "Host=127.0.0.1;Port=1;Username=postgres;Password=unused";
        var database = builder.AddPostgresServer("postgres").AddDatabase("never-db");
        builder.AddExecutable("dependent", "/bin/sleep", _existing.DataFolder, "60").WaitFor(database);
        Directory.CreateDirectory(_existing.DataFolder);
        await using var app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(TestRun.StartTimeout);
        // Not awaited: a start completes only when every resource has been started, and "dependent" never is.
        _ = app.StartAsync(timeout.Token);

        // A check that has not run yet also counts as unhealthy: wait for one that ran and failed.
        var unhealthy = await app.ResourceNotifications.WaitForResourceAsync("postgres",
            e => e.Snapshot.HealthReports.Any(report => report.Status == HealthStatus.Unhealthy), timeout.Token);
        var report = unhealthy.Snapshot.HealthReports.Single();
        Assert.Contains("127.0.0.1:1", report.Description + report.ExceptionText);
        await app.ResourceNotifications.WaitForResourceAsync("dependent", KnownResourceStates.Waiting, timeout.Token);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.True(app.ResourceNotifications.TryGetCurrentState("dependent", out var dependent));
        Assert.Equal(KnownResourceStates.Waiting, dependent.Snapshot.State?.Text);
        Assert.Empty(RunProcess.Of(_existing.DataFolder));
    }

    public void Dispose()
    {
        _local.Dispose();
        _existing.Dispose();
    }
}
