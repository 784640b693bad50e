using System.Net;
using System.Net.Sockets;

namespace Platform.AppHost.Hosting.Processes;

public static class FreePorts
{
    /// <summary>A loopback port the OS just handed out; free unless another process grabs it first.</summary>
    public static int Allocate()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
