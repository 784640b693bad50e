namespace Platform.AppHost.Hosting.Runners;

/// <summary>
/// A server the AppHost does not run: its connection string came from configuration (production, or a shared
/// development server). The AppHost only checks that it answers.
/// </summary>
public sealed class ExistingServerRunner(Func<CancellationToken, Task<string?>> checkHealth) : ResourceRunner
{
    public override bool IsExisting => true;

    public override Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task<string?> CheckHealthAsync(CancellationToken cancellationToken) => checkHealth(cancellationToken);

    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
