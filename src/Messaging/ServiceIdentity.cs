using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Platform.Messaging;

/// <summary>Who this process is on the platform: the service name and this instance of it.</summary>
public sealed record ServiceIdentity(string Name, string Instance)
{
    public static ServiceIdentity From(IConfiguration configuration, IHostEnvironment environment)
    {
        var name = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } configured ? configured : environment.ApplicationName;
        var instance = ResourceAttribute(configuration["OTEL_RESOURCE_ATTRIBUTES"], "service.instance.id")
            ?? $"{Environment.MachineName}-{Environment.ProcessId}";
        return new ServiceIdentity(name, instance);
    }

    private static string? ResourceAttribute(string? attributes, string key) =>
        attributes?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0] == key)
            .Select(pair => Uri.UnescapeDataString(pair[1]))
            .FirstOrDefault();
}
