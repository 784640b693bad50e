using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.AppHost;

/// <summary>Tells whoever started the platform where its people sign in, next to the dashboard's own login line.</summary>
internal static class GatewayAnnouncement
{
    public static Task PrintUrl(ProjectResource gateway, ResourceReadyEvent ready, CancellationToken cancellationToken)
    {
        var logger = ready.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.AppHost");
        logger.LogInformation("Gateway (staff sign-in) at {GatewayUrl}", gateway.GetEndpoint("http").Url);
        return Task.CompletedTask;
    }
}
