using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Outbox;

public static class OutboxExtensions
{
    /// <summary>
    /// Runs the outbox relay. Call after <c>AddPlatformDatabase</c> (the outbox table is one of the platform's own
    /// migrations) and <c>AddPlatformMessaging</c> (the relay starts after the bus, so nothing is published before
    /// the topology exists).
    /// </summary>
    public static TBuilder AddPlatformOutbox<TBuilder>(this TBuilder builder, OutboxOptions? options = null)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSingleton(options ?? new OutboxOptions());
        builder.Services.AddSingleton<OutboxPublisher>();
        builder.Services.AddHostedService<OutboxRelay>();
        return builder;
    }
}
