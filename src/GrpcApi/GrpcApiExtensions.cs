using Grpc.AspNetCore.HealthChecks;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.GrpcApi;

public static class GrpcApiExtensions
{
    /// <summary>
    /// gRPC as every service of the platform serves it, on grpc-dotnet: the domain's refusals as gRPC statuses
    /// (<see cref="DomainErrorsInterceptor"/>), refused authorization as UNAUTHENTICATED / PERMISSION_DENIED,
    /// exception messages only in Development, <c>grpc.health.v1</c> computed from the ASP.NET Core health checks
    /// on each call, for the whole server ("") and for every service it maps, and server reflection.
    /// </summary>
    public static TBuilder AddPlatformGrpc<TBuilder>(this TBuilder builder, Action<GrpcServiceOptions>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddGrpc(options =>
        {
            options.EnableDetailedErrors = builder.Environment.IsDevelopment();
            options.Interceptors.Add<DomainErrorsInterceptor>();
            configure?.Invoke(options);
        });
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks(health => health.UseHealthChecksCache = false);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>());
        return builder;
    }

    /// <summary>
    /// grpc.health.v1.Health and grpc.reflection (v1 and v1alpha) beside the service's own APIs; call it after mapping
    /// them, so that each is known to the health service by name.
    /// </summary>
    public static IEndpointRouteBuilder MapPlatformGrpcDefaults(this IEndpointRouteBuilder endpoints)
    {
        var health = endpoints.ServiceProvider.GetRequiredService<IOptions<GrpcHealthChecksOptions>>().Value;
        foreach (var service in endpoints.DataSources.SelectMany(source => source.Endpoints)
                     .Select(endpoint => endpoint.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.ServiceName).OfType<string>().Distinct())
            health.Services.Map(service, _ => true);
        endpoints.MapGrpcHealthChecksService();
        endpoints.MapGrpcReflectionService();
        return endpoints;
    }
}
