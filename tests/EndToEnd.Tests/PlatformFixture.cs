using Aspire.Hosting;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>The whole platform, started once for the tests of a class from the AppHost's own model.</summary>
public class PlatformFixture : IAsyncLifetime
{
    public const int DemoChildren = 300;

    private readonly string _name;
    private readonly int _demoChildren;

    public PlatformFixture() : this("end-to-end", DemoChildren) { }

    protected PlatformFixture(string name, int demoChildren)
    {
        _name = name;
        _demoChildren = demoChildren;
    }

    public TestPlatform Platform { get; private set; } = null!;

    public DistributedApplication App => Platform.App;

    public async Task InitializeAsync() =>
        Platform = await TestPlatform.StartAsync(_name, new Dictionary<string, string?> { ["DemoData:Children"] = $"{_demoChildren}" });

    public async Task DisposeAsync() => await Platform.DisposeAsync();
}

/// <summary>A platform of its own for tests that break it.</summary>
public sealed class DisposablePlatformFixture() : PlatformFixture("end-to-end-crash", demoChildren: 0);

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
