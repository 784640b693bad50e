using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Hosting.Tests;

/// <summary>One test's own data folder (under /tmp, which the postgres user can enter), removed at the end.</summary>
public sealed class TestRun : IDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "platform-hosting-tests", Guid.NewGuid().ToString("N")[..12]);

    /// <summary>A testing builder for this run's data folder; no entry point and no AppHost project needed.</summary>
    public IDistributedApplicationTestingBuilder Builder(params string[] arguments) =>
        DistributedApplicationTestingBuilder.Create(["--data-dir", DataFolder, .. arguments]);

    public static async Task<DistributedApplication> StartHealthyAsync(IDistributedApplicationTestingBuilder builder, params string[] resources)
    {
        var app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await app.StartAsync(timeout.Token);
        foreach (var resource in resources) await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        return app;
    }

    /// <summary>Waits until the resource failed to start, and returns its console log.</summary>
    public static async Task<string> FailedStartLogAsync(DistributedApplication app, string resource)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        await app.ResourceNotifications.WaitForResourceAsync(resource, KnownResourceStates.FailedToStart, timeout.Token);
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        // By the resource, not its name: an executable's log is kept under the name DCP gave its replica.
        var model = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resource);
        var lines = new List<string>();
        await foreach (var batch in logs.GetAllAsync(model).WithCancellation(timeout.Token))
            lines.AddRange(batch.Select(line => line.Content));
        return string.Join('\n', lines);
    }

    public void Dispose()
    {
        if (Directory.Exists(DataFolder)) Directory.Delete(DataFolder, recursive: true);
    }
}
