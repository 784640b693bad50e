using System.Diagnostics;
using System.Net;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Platform.Interop;

/// <summary>Debian's python3-grpcio (gRPC's C core) running interop.py, as server or client.</summary>
public static class PythonPeer
{
    public const string Python = "/usr/bin/python3";

    public static string Script => Path.Combine(AppContext.BaseDirectory, "Interop", "interop.py");

    /// <summary>grpc_testing.proto as a FileDescriptorSet, so Python builds the same messages without generated code.</summary>
    public static Task WriteDescriptorsAsync(string path)
    {
        var set = new FileDescriptorSet();
        set.File.Add(FileDescriptorProto.Parser.ParseFrom(GrpcTestingReflection.Descriptor.SerializedData));
        return File.WriteAllBytesAsync(path, set.ToByteArray());
    }

    public static async Task<(Process Process, Uri Address)> StartServerAsync(string descriptorsFile)
    {
        if (!File.Exists(Python)) throw new InvalidOperationException($"{Python} is missing: install Debian's python3 and python3-grpcio.");
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo(Python, [Script, "server", "--port", port.ToString(), "--descriptors", descriptorsFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (ready != "listening")
            throw new InvalidOperationException($"The python3-grpcio server did not start: {ready} {await process.StandardError.ReadToEndAsync()}");
        return (process, new Uri($"http://127.0.0.1:{port}"));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
