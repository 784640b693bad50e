namespace Platform.AppHost.Hosting.Resources;

/// <summary>Generated for each service the AppHost references (see Projects.g.cs).</summary>
public interface IProjectMetadata
{
    string ProjectPath { get; }

    /// <summary>The built assembly the AppHost runs with <c>dotnet</c>.</summary>
    string TargetPath { get; }
}

public sealed record EndpointAnnotation(string Name, string Scheme, bool Http2Only, int? FixedPort)
{
    public int Port { get; set; }
    public string Url => $"{Scheme}://127.0.0.1:{Port}";
}

public sealed class ProjectResource(string name, IProjectMetadata metadata) : Resource(name)
{
    public const string HttpEndpointName = "http";
    public const string GrpcEndpointName = "grpc";

    public override string Type => "Project";

    public IProjectMetadata Metadata { get; } = metadata;
    public List<EndpointAnnotation> Endpoints { get; } = [];
    public List<Resource> References { get; } = [];
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);
    public string? HealthCheckPath { get; set; }

    /// <summary>Does its work and exits: exit code 0 is <c>Finished</c>, not a failure.</summary>
    public bool RunsToCompletion { get; set; }

    public EndpointAnnotation GetEndpoint(string endpointName) =>
        Endpoints.FirstOrDefault(e => e.Name == endpointName)
        ?? throw new InvalidOperationException($"Resource '{Name}' has no endpoint '{endpointName}'.");
}
