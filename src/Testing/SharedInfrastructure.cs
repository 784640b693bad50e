namespace Platform.Testing;

/// <summary>
/// One <see cref="LocalServers"/> for a whole test run, started on first use and stopped when the test process
/// exits. Each test asks it for its own empty database.
/// </summary>
public static class SharedInfrastructure
{
    private static readonly Lazy<Task<LocalServers>> Instance = new(StartAsync);

    public static Task<LocalServers> GetAsync() => Instance.Value;

    private static async Task<LocalServers> StartAsync()
    {
        var servers = await LocalServers.StartAsync("shared");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => servers.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return servers;
    }
}
