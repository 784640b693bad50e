using System.Text;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.AppHost.Testing;
using Platform.Contracts.IntegrationEvents;
using Platform.Gateway.Profiles;
using Platform.Gateway.Profiles.Consumers;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;
using RabbitMQ.Client;

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

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what) where T : class
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (await probe() is { } found) return found;
            if (timeout.IsCancellationRequested) throw new TimeoutException($"Waited 60 s for {what}.");
            await Task.Delay(100);
        }
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
        var profile = await EventuallyAsync(() => reader.GetAsync(good.Iin, CancellationToken.None), "the good event in the profile");
        Assert.Contains(profile.Records, r => r.Event.RecordId == "good");

        await using var connection = await new ConnectionFactory { Uri = new Uri(shared.MessagingConnectionString) }.CreateConnectionAsync();
        // The error queue appears once the retries are used up; asking for a missing queue closes the channel.
        var errored = await EventuallyAsync(async () =>
        {
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                return await channel.BasicGetAsync($"{ProfileConsumersRegistration.QueueName}_error", autoAck: true);
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                return null;
            }
        }, "the poison message in the error queue");
        var body = Encoding.UTF8.GetString(errored.Body.Span);
        Assert.Contains(poison.EventId.ToString(), body);
        Assert.Contains("IIN must be exactly 12 digits", Encoding.UTF8.GetString((byte[])errored.BasicProperties.Headers!["MT-Fault-Message"]!));
        await host.StopAsync();
    }
}
