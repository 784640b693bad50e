using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.AppHost.Dashboard.Otlp.Collector.Logs;
using Platform.AppHost.Dashboard.Otlp.Collector.Metrics;
using Platform.AppHost.Dashboard.Otlp.Collector.Trace;
using Platform.AppHost.Dashboard.Security;
using Platform.AppHost.Dashboard.Telemetry;

namespace Platform.AppHost.Dashboard.Otlp;

/// <summary>OTLP/gRPC: the unary Export methods of the trace, logs and metrics collector services, on grpc-dotnet.</summary>
public static class OtlpGrpcReceiver
{
    public static IServiceCollection AddOtlpGrpcReceiver(this IServiceCollection services, TelemetryStore store, OtlpReceiverOptions options)
    {
        services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = 16 * 1024 * 1024);
        services.AddSingleton(new OtlpTraceService(store, options));
        services.AddSingleton(new OtlpLogsService(store, options));
        services.AddSingleton(new OtlpMetricsService(store, options));
        return services;
    }

    public static void MapOtlpGrpcReceiver(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<OtlpTraceService>();
        endpoints.MapGrpcService<OtlpLogsService>();
        endpoints.MapGrpcService<OtlpMetricsService>();
    }

    internal static void DemandApiKey(ServerCallContext context, OtlpReceiverOptions options)
    {
        if (!Secrets.Match(context.RequestHeaders.GetValue(OtlpHttpReceiver.ApiKeyHeader), options.ApiKey))
            throw new RpcException(new Status(StatusCode.Unauthenticated, $"A valid {OtlpHttpReceiver.ApiKeyHeader} header is required."));
    }
}

public sealed class OtlpTraceService(TelemetryStore store, OtlpReceiverOptions options) : TraceService.TraceServiceBase
{
    public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
    {
        OtlpGrpcReceiver.DemandApiKey(context, options);
        store.Add(request);
        return Task.FromResult(new ExportTraceServiceResponse());
    }
}

public sealed class OtlpLogsService(TelemetryStore store, OtlpReceiverOptions options) : LogsService.LogsServiceBase
{
    public override Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context)
    {
        OtlpGrpcReceiver.DemandApiKey(context, options);
        store.Add(request);
        return Task.FromResult(new ExportLogsServiceResponse());
    }
}

public sealed class OtlpMetricsService(TelemetryStore store, OtlpReceiverOptions options) : MetricsService.MetricsServiceBase
{
    public override Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context)
    {
        OtlpGrpcReceiver.DemandApiKey(context, options);
        store.Add(request);
        return Task.FromResult(new ExportMetricsServiceResponse());
    }
}
