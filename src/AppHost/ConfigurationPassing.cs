using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Platform.AppHost;

/// <summary>Parts of the AppHost's configuration handed on to a service as environment variables.</summary>
internal static class ConfigurationPassing
{
    /// <summary>Every value set in <paramref name="section"/>, as <c>Section__Key</c> variables.</summary>
    public static IResourceBuilder<T> WithConfigurationSection<T>(this IResourceBuilder<T> resource, IConfigurationSection section)
        where T : IResourceWithEnvironment
    {
        foreach (var setting in section.GetChildren())
            if (setting.Value is not null) resource.WithEnvironment($"{section.Path.Replace(":", "__")}__{setting.Key}", setting.Value);
        return resource;
    }

    /// <summary>The value of <paramref name="key"/>, when it is set, as its <c>A__B</c> variable.</summary>
    public static IResourceBuilder<T> WithConfigurationValue<T>(this IResourceBuilder<T> resource, IConfiguration configuration, string key)
        where T : IResourceWithEnvironment =>
        configuration[key] is { Length: > 0 } value ? resource.WithEnvironment(key.Replace(":", "__"), value) : resource;

    /// <summary>
    /// The AppHost's environment (Development from the launch profile) for a service run without a launch profile of
    /// its own: the Gateway's development staff accounts and plain-HTTP cookies exist only in Development.
    /// </summary>
    public static IResourceBuilder<T> WithAppHostEnvironment<T>(this IResourceBuilder<T> resource, IHostEnvironment environment)
        where T : IResourceWithEnvironment =>
        resource.WithEnvironment("DOTNET_ENVIRONMENT", environment.EnvironmentName)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", environment.EnvironmentName);
}
