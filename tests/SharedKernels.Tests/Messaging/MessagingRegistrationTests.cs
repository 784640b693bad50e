using MassTransit;
using MassTransit.UsageTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Messaging;

namespace Platform.SharedKernels.Tests;

public sealed class MessagingRegistrationTests
{
    [Fact]
    public void The_bus_reports_no_usage_to_its_vendor()
    {
        // MassTransit posts its usage report five minutes after start, so a run-time trace of a short start would not
        // see it; the registration is what decides.
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:messaging"] = "amqp://guest:guest@127.0.0.1:5672/";
        builder.AddPlatformMessaging();
        using var services = builder.Services.BuildServiceProvider();

        Assert.False(services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled);
    }
}
