namespace Platform.AppHost.Hosting.Resources;

/// <summary>
/// The environment a service is started with — the same variables an Aspire AppHost injects, so the services
/// would run unchanged under one.
/// </summary>
public static class ProjectEnvironment
{
    public static IReadOnlyDictionary<string, string> Build(ProjectResource project, string environmentName, string instanceId)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = environmentName,
            ["DOTNET_ENVIRONMENT"] = environmentName,
            ["OTEL_SERVICE_NAME"] = project.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={instanceId}",
        };

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
