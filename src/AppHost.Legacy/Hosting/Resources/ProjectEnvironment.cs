namespace Platform.AppHost.Hosting.Resources;

/// <summary>
/// The environment a service is started with — the same variables an Aspire AppHost injects, so the services
/// would run unchanged under one.
/// </summary>
public static class ProjectEnvironment
{
    public static IReadOnlyDictionary<string, string> Build(
        ProjectResource project, string environmentName, string instanceId, OtlpExport? otlp = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = environmentName,
            ["DOTNET_ENVIRONMENT"] = environmentName,
            ["OTEL_SERVICE_NAME"] = project.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={instanceId}",
        };

        if (otlp is not null)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp.Endpoint;
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = otlp.Protocol;
            environment["OTEL_EXPORTER_OTLP_HEADERS"] = $"{OtlpExport.ApiKeyHeader}={otlp.ApiKey}";
            // Development: export within a second or so, so the dashboard shows what just happened.
            environment["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
            environment["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
            environment["OTEL_METRIC_EXPORT_INTERVAL"] = "5000";
            environment["OTEL_TRACES_SAMPLER"] = "always_on";
        }

        foreach (var endpoint in project.Endpoints)
        {
            var prefix = $"Kestrel__Endpoints__{endpoint.Name}__";
            environment[prefix + "Url"] = endpoint.Url;
            if (endpoint.Http2Only) environment[prefix + "Protocols"] = "Http2";
        }

        foreach (var reference in project.References)
        {
            switch (reference)
            {
                case IResourceWithConnectionString withConnectionString:
                    environment[$"ConnectionStrings__{reference.Name}"] = withConnectionString.ConnectionString;
                    break;
                case ProjectResource service:
                    foreach (var endpoint in service.Endpoints)
                        environment[$"services__{service.Name}__{endpoint.Name}__0"] = endpoint.Url;
                    break;
                default:
                    throw new InvalidOperationException($"'{project.Name}' cannot reference '{reference.Name}' ({reference.Type}).");
            }
        }

        foreach (var (name, value) in project.Environment) environment[name] = value;
        return environment;
    }
}

/// <summary>Where and how the services export telemetry: the dashboard's OTLP receiver, protected by an API key.</summary>
public sealed record OtlpExport(string Endpoint, string Protocol, string ApiKey)
{
    public const string ApiKeyHeader = "x-otlp-api-key";
}
