using System.Collections.Concurrent;
using MassTransit;
using Platform.Messaging;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// A bus of the test's own on the platform's broker: it publishes as a commission would and records every
/// message of the given types on a temporary queue of its own.
/// </summary>
public sealed class TestBus : IAsyncDisposable
{
    private readonly IBusControl _bus;

    private TestBus(IBusControl bus) => _bus = bus;

    public ConcurrentQueue<object> Received { get; } = new();

    public static async Task<TestBus> StartAsync(string messagingConnectionString, params Type[] recorded)
    {
        var broker = RabbitMqAddress.Parse(messagingConnectionString);
        TestBus? testBus = null;
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
            {
                host.Username(broker.UserName);
                host.Password(broker.Password);
            });
            rabbit.ReceiveEndpoint($"end-to-end-test-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                foreach (var type in recorded)
                    typeof(TestBus).GetMethod(nameof(Record), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                        .MakeGenericMethod(type).Invoke(null, [endpoint, (Action<object>)(message => testBus!.Received.Enqueue(message))]);
            });
        });
        testBus = new TestBus(bus);
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return testBus;
    }

    private static void Record<T>(IRabbitMqReceiveEndpointConfigurator endpoint, Action<object> record) where T : class =>
        endpoint.Handler<T>(context =>
        {
            record(context.Message);
            return Task.CompletedTask;
        });

    public Task PublishAsync<T>(T message) where T : class => _bus.Publish(message);

    public async Task<T> WaitForAsync<T>(Func<T, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (Received.OfType<T>().FirstOrDefault(match) is { } found) return found;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No {typeof(T).Name} as expected arrived within {(timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds} s.");
    }

    public async ValueTask DisposeAsync() => await _bus.StopAsync();
}
