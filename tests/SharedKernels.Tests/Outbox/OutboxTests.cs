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

public sealed record ChildRecordChanged(Guid EventId, string Iin, int Sequence, string Run);

/// <summary>Collects what the consumer received, per test run (tests share one broker).</summary>
public sealed class ReceivedEvents
{
    public static readonly ConcurrentDictionary<string, ConcurrentQueue<(ChildRecordChanged Event, Guid? MessageId)>> ByRun = new();

    public static ConcurrentQueue<(ChildRecordChanged Event, Guid? MessageId)> For(string run) => ByRun.GetOrAdd(run, _ => new());
}

public sealed class ChildRecordChangedConsumer : IConsumer<ChildRecordChanged>
{
    public Task Consume(ConsumeContext<ChildRecordChanged> context)
    {
        ReceivedEvents.For(context.Message.Run).Enqueue((context.Message, context.MessageId));
        return Task.CompletedTask;
    }
}

/// <summary>The transactional outbox and its relay against the real private PostgreSQL and RabbitMQ.</summary>
public sealed class OutboxTests
{
    private static async Task<IHost> StartServiceAsync(string databaseConnectionString, string serviceName)
    {
        var shared = await SharedInfrastructure.GetAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = typeof(OutboxTests).Assembly.GetName().Name,
            Configuration = new ConfigurationManager(),
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:records-db"] = databaseConnectionString,
            ["ConnectionStrings:messaging"] = shared.MessagingConnectionString,
            ["OTEL_SERVICE_NAME"] = serviceName,
        });
        builder.AddPlatformDatabase("records-db", typeof(OutboxTests).Assembly)
            // One message at a time, so the order consumed is the order the relay published.
            .AddPlatformMessaging(bus => bus.AddConsumer<ChildRecordChangedConsumer>().Endpoint(e => e.ConcurrentMessageLimit = 1))
            .AddPlatformOutbox(new OutboxOptions { PollInterval = TimeSpan.FromMilliseconds(200) });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task WriteAsync(NpgsqlDataSource dataSource, string run, string iin, int sequence, bool commit = true)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var change = new ChildRecordChanged(Guid.NewGuid(), iin, sequence, run);
        await OutboxWriter.AddAsync(connection, transaction, change.EventId, iin, change, CancellationToken.None);
        if (commit) await transaction.CommitAsync();
        else await transaction.RollbackAsync();
    }

    private static async Task<long> PendingAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM platform.outbox_messages WHERE sent_at IS NULL");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Committed_events_are_published_once_each_in_order_per_child_and_marked_sent()
    {
        var database = await (await SharedInfrastructure.GetAsync()).CreateDatabaseAsync();
        var run = Guid.NewGuid().ToString("N");
        using var host = await StartServiceAsync(database, "outbox-order");
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();

        var children = Enumerable.Range(0, 10).Select(i => $"child-{i}").ToList();
        await Task.WhenAll(children.Select(async child =>
        {
            for (var sequence = 1; sequence <= 20; sequence++) await WriteAsync(dataSource, run, child, sequence);
        }));
        await Eventually.Until(() => ReceivedEvents.For(run).Count >= 200, "200 events");
        await Task.Delay(500);

        var received = ReceivedEvents.For(run).ToList();
        Assert.Equal(200, received.Count);
        Assert.Equal(200, received.Select(r => r.Event.EventId).Distinct().Count());
        Assert.All(received, r => Assert.Equal(r.Event.EventId, r.MessageId));
        foreach (var child in children)
            Assert.Equal(Enumerable.Range(1, 20), received.Where(r => r.Event.Iin == child).Select(r => r.Event.Sequence));
        Assert.Equal(0, await PendingAsync(dataSource));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_rolled_back_change_publishes_nothing()
    {
        var database = await (await SharedInfrastructure.GetAsync()).CreateDatabaseAsync();
        var run = Guid.NewGuid().ToString("N");
        using var host = await StartServiceAsync(database, "outbox-rollback");
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();

        await WriteAsync(dataSource, run, "child-1", 1, commit: false);
        await WriteAsync(dataSource, run, "child-1", 2);
        await Eventually.Until(() => !ReceivedEvents.For(run).IsEmpty, "the committed event");
        await Task.Delay(1000);

        Assert.Equal([2], ReceivedEvents.For(run).Select(r => r.Event.Sequence));
        await host.StopAsync();
    }

    [Fact]
    public async Task Events_written_while_no_relay_runs_are_published_when_one_starts()
    {
        var database = await (await SharedInfrastructure.GetAsync()).CreateDatabaseAsync();
        var run = Guid.NewGuid().ToString("N");
        // First start creates the schema and the queue; then the service is down while changes are committed.
        using (var first = await StartServiceAsync(database, "outbox-resume")) await first.StopAsync();
        await using (var dataSource = NpgsqlDataSource.Create(database))
        {
            for (var sequence = 1; sequence <= 30; sequence++) await WriteAsync(dataSource, run, "child-1", sequence);
            Assert.Equal(30, await PendingAsync(dataSource));
        }

        using var second = await StartServiceAsync(database, "outbox-resume");
        await Eventually.Until(() => ReceivedEvents.For(run).Count >= 30, "30 events");

        Assert.Equal(Enumerable.Range(1, 30), ReceivedEvents.For(run).Select(r => r.Event.Sequence));
        await second.StopAsync();
    }

    [Theory]
    [InlineData(1, 0.5, 200)]
    [InlineData(2, 0.5, 400)]
    [InlineData(10, 0.5, 30_000)]
    [InlineData(1, 0.0, 160)]
    [InlineData(1, 1.0, 240)]
    public void Backoff_doubles_from_the_minimum_up_to_the_maximum_with_jitter(int attempt, double jitter, double expectedMs) =>
        Assert.Equal(expectedMs, Backoff.Delay(attempt, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), jitter).TotalMilliseconds, 3);
}
