using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Grpc.Health.V1;
using Platform.Grpc.Protocol;
using Platform.Grpc.Server;
using ServingStatus = Platform.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Platform.Grpc.Health;

/// <summary>
/// grpc.health.v1, fed by the ASP.NET Core health checks: "" is the whole server, a mapped service name is that
/// service (served by the same process, so it shares the server's health), anything else is unknown.
/// </summary>
public static class GrpcHealthService
{
    public static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(1);

    public static GrpcServiceBuilder MapGrpcHealthService(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGrpcService(HealthReflection.Descriptor.Services[0], health => health
            .Unary<HealthCheckRequest, HealthCheckResponse>("Check", async (request, context) =>
            {
                if (!IsKnown(request.Service, context))
                    throw new RpcException(StatusCode.NotFound, $"Unknown service '{request.Service}'.");
                return new HealthCheckResponse { Status = await StatusAsync(context) };
            })
            .ServerStreaming<HealthCheckRequest, HealthCheckResponse>("Watch", async (request, stream, context) =>
            {
                ServingStatus? last = null;
                using var timer = new PeriodicTimer(WatchInterval);
                do
                {
                    var status = IsKnown(request.Service, context) ? await StatusAsync(context) : ServingStatus.ServiceUnknown;
                    if (status != last) await stream.WriteAsync(new HealthCheckResponse { Status = status }, context.CancellationToken);
                    last = status;
                } while (await timer.WaitForNextTickAsync(context.CancellationToken));
            }));

    private static bool IsKnown(string service, ServerCallContext context) =>
        service.Length == 0 || context.HttpContext.RequestServices.GetRequiredService<GrpcServiceRegistry>().Contains(service);

    private static async Task<ServingStatus> StatusAsync(ServerCallContext context)
    {
        var checks = context.HttpContext.RequestServices.GetService<HealthCheckService>();
        if (checks is null) return ServingStatus.Serving;
        var report = await checks.CheckHealthAsync(context.CancellationToken);
        return report.Status == HealthStatus.Unhealthy ? ServingStatus.NotServing : ServingStatus.Serving;
    }
}
