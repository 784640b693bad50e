using System.Diagnostics.Metrics;
using System.Globalization;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Messaging;

public static class MessagingExtensions
{
    public const string ConnectionName = "messaging";

    /// <summary>
    /// MassTransit on RabbitMQ from <c>ConnectionStrings:messaging</c> (an amqp:// URI with credentials).
    /// Queues are named after the service, so instances of one service compete for its messages while every
    /// service gets its own copy of an event. The host waits until the bus is connected and the topology is
    /// declared, so nothing published right after start is dropped for lack of a bound queue.
    /// </summary>
    public static TBuilder AddPlatformMessaging<TBuilder>(this TBuilder builder, Action<IBusRegistrationConfigurator>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException(
                $"Connection string '{ConnectionName}' is missing: set ConnectionStrings__{ConnectionName} to an amqp:// URI (the AppHost injects it).");
        var broker = RabbitMqAddress.Parse(connectionString);
        var identity = ServiceIdentity.From(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(identity);
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddMassTransit(bus =>
        {
            // MassTransit would otherwise report usage to its vendor at start: the platform holds children's data
            // and makes no call that nobody asked for.
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(identity.Name, includeNamespace: false));
            bus.AddConsumer<BusProbeResponder>();
            configure?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
                {
                    host.Username(broker.UserName);
                    host.Password(broker.Password);
                });
                rabbit.ConfigureEndpoints(context);
            });
        });

        builder.Services.AddSingleton(services => new QueueDepthMetrics(connectionString,
            TimeSpan.TryParse(builder.Configuration["Messaging:QueueMetricsInterval"], CultureInfo.InvariantCulture, out var interval) ? interval : TimeSpan.FromSeconds(15),
            services.GetRequiredService<IMeterFactory>(), services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<QueueDepthMetrics>>()));
        builder.Services.AddHostedService(services => services.GetRequiredService<QueueDepthMetrics>());
        builder.Services.AddReceiveEndpointObserver(services => services.GetRequiredService<QueueDepthMetrics>());

        builder.Services.AddOptions<MassTransitHostOptions>().Configure(options =>
        {
            options.WaitUntilStarted = true;
            options.StartTimeout = TimeSpan.FromSeconds(60);
            options.StopTimeout = TimeSpan.FromSeconds(30);
        });
        return builder;
    }
}
