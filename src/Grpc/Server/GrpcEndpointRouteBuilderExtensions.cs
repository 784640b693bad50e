using Google.Protobuf.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Grpc.Protocol;

namespace Platform.Grpc.Server;

public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>Server options and the authorization answer in gRPC terms (UNAUTHENTICATED / PERMISSION_DENIED).</summary>
    public static IServiceCollection AddGrpcServer(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        services.AddOptions<GrpcServerOptions>().Configure(options => configure?.Invoke(options));
        services.TryAddSingleton<GrpcServiceRegistry>();
        services.TryAddEnumerable(Microsoft.Extensions.DependencyInjection.ServiceDescriptor.Singleton<IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>());
        return services;
    }

    /// <summary>Maps the methods of <paramref name="service"/> that <paramref name="configure"/> gives handlers for.</summary>
    public static GrpcServiceBuilder MapGrpcService(this IEndpointRouteBuilder endpoints, ServiceDescriptor service, Action<GrpcServiceBuilder> configure)
    {
        var builder = new GrpcServiceBuilder(endpoints, service);
        configure(builder);
        endpoints.ServiceProvider.GetService<GrpcServiceRegistry>()?.Add(service);
        return builder;
    }

    /// <summary>UNIMPLEMENTED for any other gRPC path, as trailers-only responses.</summary>
    public static IEndpointConventionBuilder MapGrpcUnimplemented(this IEndpointRouteBuilder endpoints, Func<string, bool> isKnownService) =>
        endpoints.MapPost("/{service}/{method}", (HttpContext http, string service, string method) =>
        {
            if (!GrpcHeaders.IsGrpcContentType(http.Request.ContentType))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            var detail = isKnownService(service) ? $"Method is unimplemented: {method}" : $"Service is unimplemented: {service}";
            http.Response.ContentType = GrpcHeaders.ContentType;
            http.Response.Headers[GrpcHeaders.Status] = ((int)StatusCode.Unimplemented).ToString();
            http.Response.Headers[GrpcHeaders.Message] = GrpcHeaders.EncodeMessage(detail);
            return Task.CompletedTask;
        }).WithOrder(int.MaxValue).DisableAntiforgery();
}

/// <summary>For gRPC endpoints, a failed authorization becomes a gRPC status instead of HTTP 401/403.</summary>
internal sealed class GrpcAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Succeeded || context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is null)
            return _default.HandleAsync(next, context, policy, result);
        var (code, detail) = result.Challenged
            ? (StatusCode.Unauthenticated, "The caller is not authenticated.")
            : (StatusCode.PermissionDenied, "The caller is not allowed to call this method.");
        GrpcStatusResponse.Write(context.Response, code, detail);
        return Task.CompletedTask;
    }
}

/// <summary>A call ended before its handler ran (refused by a middleware): a trailers-only gRPC response.</summary>
public static class GrpcStatusResponse
{
    public static void Write(HttpResponse response, StatusCode code, string message)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcHeaders.ContentType;
        response.Headers[GrpcHeaders.Status] = ((int)code).ToString();
        response.Headers[GrpcHeaders.Message] = GrpcHeaders.EncodeMessage(message);
    }
}
