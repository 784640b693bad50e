using System.Diagnostics;
using System.Diagnostics.Metrics;
using Platform.Grpc.Protocol;

namespace Platform.Grpc.Telemetry;

/// <summary>A span per call and the RPC duration histograms, named as the OpenTelemetry RPC conventions say.</summary>
public static class GrpcTelemetry
{
    public const string Name = "Platform.Grpc";

    public static readonly ActivitySource ActivitySource = new(Name);
    private static readonly Meter Meter = new(Name);
    private static readonly Histogram<double> ServerDuration = Meter.CreateHistogram<double>("rpc.server.call.duration", "s", "Duration of gRPC calls served");
    private static readonly Histogram<double> ClientDuration = Meter.CreateHistogram<double>("rpc.client.call.duration", "s", "Duration of gRPC calls made");

    public static Activity? StartServerCall(string method) => Start(method, ActivityKind.Server);

    public static Activity? StartClientCall(string method) => Start(method, ActivityKind.Client);

    private static Activity? Start(string method, ActivityKind kind)
    {
        var (service, name) = Split(method);
        var activity = ActivitySource.StartActivity($"{service}/{name}", kind);
        activity?.SetTag("rpc.system", "grpc");
        activity?.SetTag("rpc.service", service);
        activity?.SetTag("rpc.method", name);
        return activity;
    }

    public static void EndCall(Activity? activity, string method, Status status, long startedTimestamp, bool server)
    {
        var (service, name) = Split(method);
        activity?.SetTag("rpc.grpc.status_code", (int)status.Code);
        if (status.Code != StatusCode.OK) activity?.SetStatus(ActivityStatusCode.Error, status.Detail);
        var elapsed = Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds;
        var tags = new TagList { { "rpc.system", "grpc" }, { "rpc.service", service }, { "rpc.method", name }, { "rpc.grpc.status_code", (int)status.Code } };
        (server ? ServerDuration : ClientDuration).Record(elapsed, tags);
    }

    private static (string Service, string Method) Split(string method)
    {
        var parts = method.Trim('/').Split('/', 2);
        return parts.Length == 2 ? (parts[0], parts[1]) : (method, "");
    }
}
