using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Platform.Testing;

/// <summary>Loopback ports for processes a test starts itself, outside the range the kernel hands to outgoing connections.</summary>

public static class FreePorts
{
    // Below the kernel's ephemeral range (32768–60999 by default): a port taken from that range can be handed to
    // some outgoing connection before the service binds it, which happened when test runs overlapped.
    private const int First = 20000;
    private const int Last = 32000;

    private static readonly ConcurrentDictionary<int, bool> HandedOut = new();

    /// <summary>A loopback port that is free now and not handed out before by this process.</summary>
    public static int Allocate()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            if (IsFree(port) && HandedOut.TryAdd(port, true)) return port;
        }
        throw new InvalidOperationException($"No free loopback port between {First} and {Last}.");
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
