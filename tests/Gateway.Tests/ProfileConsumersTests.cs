using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.Testing;
using Platform.Contracts.IntegrationEvents;
using Platform.Gateway.Profiles;
using Platform.Gateway.Profiles.Consumers;
using Platform.Database;
using Platform.Messaging;

namespace Platform.Gateway.Tests;

/// <summary>The profile's consumers on the real private RabbitMQ: delivery, and poison messages.</summary>
[Collection(GatewayOnSharedBroker.Name)]
public sealed class ProfileConsumersTests
{
    private static async Task<IHost> StartGatewayAsync(string database)
    {
        var shared = await SharedInfrastructure.GetAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Configuration = new ConfigurationManager() });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:gateway-db"] = database,
            ["ConnectionStrings:messaging"] = shared.MessagingConnectionString,
            ["OTEL_SERVICE_NAME"] = "gateway",
        });
        builder.AddPlatformDatabase("gateway-db", typeof(ProfileProjection).Assembly)
            .AddPlatformMessaging(bus => bus.AddProfileConsumers());
        builder.Services.AddSingleton<ProfileProjection>();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    [Fact]
    public async Task A_poison_message_goes_to_the_error_queue_and_consumption_continues()
    {
        var shared = await SharedInfrastructure.GetAsync();
        var database = await shared.CreateDatabaseAsync();
        using var host = await StartGatewayAsync(database);
        var bus = host.Services.GetRequiredService<IBus>();
        var poison = ProfileProjectionTests.Event(new InjuryRecorded { Icd10 = "T74.1", SuspectedAbuse = true }, SourceAgencies.Health, "poison", 1)
            with { Iin = "not-an-iin" };
        var good = ProfileProjectionTests.Event(new InjuryRecorded { Icd10 = "S52.5", SuspectedAbuse = false }, SourceAgencies.Health, "good", 1);

        await bus.Publish(poison);
        await bus.Publish(good);

        await using var dataSource = NpgsqlDataSource.Create(database);
        var reader = new ProfileReader(dataSource);
        var profile = await Eventually.Async(() => reader.GetAsync(good.Iin, CancellationToken.None), p => p is not null);
        Assert.Contains(profile!.Records, r => r.Event.RecordId == "good");

        // The error queue appears once the retries are used up; other tests' failures may be there too.
        var errors = new ErrorQueue(shared.MessagingConnectionString);
        var errored = await Eventually.Async(
            async () => (await errors.PeekAsync(ProfileConsumersRegistration.QueueName, 500, CancellationToken.None)).Messages
                .FirstOrDefault(m => m.RecordIds.Contains("health/poison")),
            errored => errored is not null);
        Assert.Equal(nameof(InjuryRecorded), errored!.MessageType);
        Assert.Contains("IIN must be exactly 12 digits", errored.Reason);
        await host.StopAsync();
    }
}
