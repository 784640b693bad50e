using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.Messaging;

/// <summary>A queue as the broker counts it: messages waiting for delivery and consumers attached.</summary>
public sealed record QueueDepth(string Queue, uint MessagesReady, uint Consumers)
{
    /// <summary>The queue's depth, or null when it does not exist (an <c>_error</c> queue before anything failed).</summary>
    public static async Task<QueueDepth?> ReadAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        try
        {
            // A passive declare of a missing queue closes the channel, so each is asked on a channel of its own.
            await using var probe = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            var declared = await probe.QueueDeclarePassiveAsync(queue, cancellationToken);
            return new QueueDepth(queue, declared.MessageCount, declared.ConsumerCount);
        }
        catch (OperationInterruptedException missing) when (missing.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }
}
