using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.Testing;
using Platform.Database;
using Platform.Messaging;
using Platform.Outbox;

namespace Platform.SharedKernels.Tests;

public sealed record OutageProbe(Guid EventId, string Iin, int Sequence);

public sealed class OutageProbeConsumer : IConsumer<OutageProbe>
{
    public static readonly ConcurrentQueue<OutageProbe> Received = new();

    public Task Consume(ConsumeContext<OutageProbe> context)
    {
        Received.Enqueue(context.Message);
        return Task.CompletedTask;
    }
}

/// <summary>
/// The broker goes down while changes are being committed: its own private RabbitMQ node is restarted through
/// Aspire in the middle of the writes. Every event must arrive afterwards, in order per child. Delivery is
/// at least once: an event the broker stored but could not confirm before it went down is published again, so
/// consumers deduplicate by event id (the Gateway's inbox does); after that, each event counts once.
/// </summary>
public sealed class OutboxBrokerOutageTests : IAsyncLifetime
{
    private LocalServers _servers = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        _servers = await LocalServers.StartAsync("outbox-broker-outage");
        _database = await _servers.CreateDatabaseAsync();
    }

    public async Task DisposeAsync() => await _servers.DisposeAsync();

    [Fact]
    public async Task Events_committed_while_the_broker_is_down_all_arrive_once_and_in_order()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Configuration = new ConfigurationManager() });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:records-db"] = _database,
            ["ConnectionStrings:messaging"] = _servers.MessagingConnectionString,
            ["OTEL_SERVICE_NAME"] = "outage-test",
        });
        builder.AddPlatformDatabase("records-db", typeof(OutboxBrokerOutageTests).Assembly)
            .AddPlatformMessaging(bus => bus.AddConsumer<OutageProbeConsumer>().Endpoint(e => e.ConcurrentMessageLimit = 1))
            .AddPlatformOutbox(new OutboxOptions { PollInterval = TimeSpan.FromMilliseconds(100), PublishTimeout = TimeSpan.FromSeconds(3), MaximumBackoff = TimeSpan.FromSeconds(2) });
        using var host = builder.Build();
        await host.StartAsync();
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();

        const int children = 5, perChild = 40;
        var writes = Task.Run(async () =>
        {
            for (var sequence = 1; sequence <= perChild; sequence++)
            {
                for (var child = 0; child < children; child++)
                {
                    await using var connection = await dataSource.OpenConnectionAsync();
                    await using var transaction = await connection.BeginTransactionAsync();
                    var probe = new OutageProbe(Guid.NewGuid(), $"child-{child}", sequence);
                    await OutboxWriter.AddAsync(connection, transaction, probe.EventId, probe.Iin, probe, CancellationToken.None);
                    await transaction.CommitAsync();
                }
                await Task.Delay(50);
            }
        });
        await Task.Delay(500);
        await _servers.RestartAsync(LocalServers.MessagingName);
        await writes;

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (OutageProbeConsumer.Received.Count < children * perChild && !timeout.IsCancellationRequested) await Task.Delay(200);
        await Task.Delay(2000);

        var received = OutageProbeConsumer.Received.ToList();
        var firstDeliveries = received.DistinctBy(r => r.EventId).ToList();
        await using (var unsent = dataSource.CreateCommand("SELECT count(*) FROM platform.outbox_messages WHERE sent_at IS NULL"))
            Assert.True(children * perChild == firstDeliveries.Count,
                $"{firstDeliveries.Count} of {children * perChild} events arrived; {await unsent.ExecuteScalarAsync()} outbox rows are still unsent.");
        foreach (var child in Enumerable.Range(0, children))
            Assert.Equal(Enumerable.Range(1, perChild), firstDeliveries.Where(r => r.Iin == $"child-{child}").Select(r => r.Sequence));
        await using var pending = dataSource.CreateCommand("SELECT count(*) FROM platform.outbox_messages WHERE sent_at IS NULL");
        Assert.Equal(0L, await pending.ExecuteScalarAsync());
        await host.StopAsync();
    }
}
