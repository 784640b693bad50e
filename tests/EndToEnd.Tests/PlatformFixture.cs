using Platform.AppHost;
using Platform.AppHost.Hosting.Application;
using Platform.AppHost.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>The whole platform, started once for the tests of a class through the AppHost's own code.</summary>
public class PlatformFixture : IAsyncLifetime
{
    public const int DemoChildren = 300;

    private readonly string _name;
    private readonly bool _withDemoData;

    public PlatformFixture() : this("end-to-end", withDemoData: true) { }

    protected PlatformFixture(string name, bool withDemoData)
    {
        _name = name;
        _withDemoData = withDemoData;
    }

    public DistributedApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = DistributedApplicationTestingBuilder.Create(_name, new Dictionary<string, string?>
        {
            ["DemoData:Children"] = $"{DemoChildren}",
            [PlatformModel.StaffSeedPasswordKey] = StaffSessions.DevelopmentPassword,
        });
        var agencies = PlatformModel.Define(builder);
        if (_withDemoData) PlatformModel.AddDemoData(builder, agencies);
        App = builder.Build();
        await App.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        if (!await App.WaitForAllResourcesAsync(timeout.Token))
        {
            var report = string.Join("\n", App.ResourceNotifications.Snapshots.Select(s => $"{s.Name}: {s.State} {s.Message}"));
            await App.StopAsync();
            throw new InvalidOperationException("The platform did not start:\n" + report);
        }
    }

    public async Task DisposeAsync() => await App.StopAsync();
}

/// <summary>A platform of its own for tests that break it.</summary>
public sealed class DisposablePlatformFixture() : PlatformFixture("end-to-end-crash", withDemoData: false);

/// <summary>The test classes that break a platform: they share one (each breaks a different service), one after another.</summary>
[CollectionDefinition(Name)]
public sealed class CrashPlatformCollection : ICollectionFixture<DisposablePlatformFixture>
{
    public const string Name = "crash platform";
}

/// <summary>The test classes that share one running platform (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class SharedPlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "shared platform";
}
