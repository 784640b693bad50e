using Platform.AppHost.Hosting.Logs;
using Platform.AppHost.Hosting.Processes;
using Platform.AppHost.Hosting.Resources;

namespace Platform.AppHost.Hosting.Runners;

/// <summary>Runs a built service with <c>dotnet</c> and the environment an Aspire AppHost would give it.</summary>
public sealed class ProjectRunner(
    ProjectResource project, IReadOnlyDictionary<string, string> environment, StaleProcessGuard staleProcesses, ResourceLogStream log)
    : ChildProcessRunner(project.Name, staleProcesses, log)
{
    private static readonly HttpClient HealthClient = new() { Timeout = TimeSpan.FromSeconds(5) };

    protected override TimeSpan StopGrace => TimeSpan.FromSeconds(15);

    public override IReadOnlyDictionary<string, string> Environment => environment;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var assembly = project.Metadata.TargetPath;
        if (!File.Exists(assembly))
            throw new ResourceStartException($"'{assembly}' does not exist: build the solution first (dotnet build Platform.sln).");
        await StaleProcesses.StopStaleAsync(project.Name, PosixSignals.SigTerm);
        StartProcess(new ProcessSpec("dotnet", [assembly], environment,
            WorkingDirectory: Path.GetDirectoryName(project.Metadata.ProjectPath)));
    }

    public override async Task<string?> CheckHealthAsync(CancellationToken cancellationToken)
    {
        if (project.HealthCheckPath is not { } path) return null;
        var url = project.GetEndpoint(ProjectResource.HttpEndpointName).Url + path;
        try
        {
            using var response = await HealthClient.GetAsync(url, cancellationToken);
            return response.IsSuccessStatusCode
                ? null
                : $"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}";
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"GET {url} failed: {exception.Message}";
        }
    }
}
