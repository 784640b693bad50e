using Google.Protobuf;
using Microsoft.AspNetCore.Routing;
using Platform.AppHost.Dashboard.Otlp.Collector.Logs;
using Platform.AppHost.Dashboard.Otlp.Collector.Metrics;
using Platform.AppHost.Dashboard.Otlp.Collector.Trace;
using Platform.AppHost.Dashboard.Telemetry;
using Platform.AppHost.Dashboard.Security;
using Platform.Grpc.Protocol;
using Platform.Grpc.Server;

namespace Platform.AppHost.Dashboard.Otlp;

/// <summary>OTLP/gRPC: the unary Export methods of the trace, logs and metrics collector services, on src/Grpc.</summary>
public static class OtlpGrpcReceiver
{
    public static void MapOtlpGrpcReceiver(this IEndpointRouteBuilder endpoints, TelemetryStore store, OtlpReceiverOptions options)
    {
        endpoints.MapGrpcService(TraceServiceReflection.Descriptor.Services[0], service => service
            .Unary<ExportTraceServiceRequest, ExportTraceServiceResponse>("Export", (request, context) =>
                Accept(request, context, options, store.Add, new ExportTraceServiceResponse())));
        endpoints.MapGrpcService(LogsServiceReflection.Descriptor.Services[0], service => service
            .Unary<ExportLogsServiceRequest, ExportLogsServiceResponse>("Export", (request, context) =>
                Accept(request, context, options, store.Add, new ExportLogsServiceResponse())));
        endpoints.MapGrpcService(MetricsServiceReflection.Descriptor.Services[0], service => service
            .Unary<ExportMetricsServiceRequest, ExportMetricsServiceResponse>("Export", (request, context) =>
                Accept(request, context, options, store.Add, new ExportMetricsServiceResponse())));
    }

    private static Task<TResponse> Accept<TRequest, TResponse>(
        TRequest request, ServerCallContext context, OtlpReceiverOptions options, Action<TRequest> accept, TResponse response)
        where TRequest : IMessage<TRequest>
    {
        if (!Secrets.Match(context.RequestHeaders.GetValue(OtlpHttpReceiver.ApiKeyHeader), options.ApiKey))
            throw new RpcException(StatusCode.Unauthenticated, $"A valid {OtlpHttpReceiver.ApiKeyHeader} header is required.");
        accept(request);
        return Task.FromResult(response);
    }
}
