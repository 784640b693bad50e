using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Platform.GrpcApi;

/// <summary>
/// For gRPC methods, refused authorization is answered as a gRPC status with a message (UNAUTHENTICATED without a
/// valid certificate, PERMISSION_DENIED for another agency's system) rather than a bare HTTP 401/403.
/// </summary>
internal sealed class GrpcAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Succeeded || context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is null)
            return _default.HandleAsync(next, context, policy, result);
        var (code, message) = result.Challenged
            ? (StatusCode.Unauthenticated, "The caller is not authenticated.")
            : (StatusCode.PermissionDenied, "The caller is not allowed to call this method.");
        GrpcTrailersOnlyResponse.Write(context.Response, code, message);
        return Task.CompletedTask;
    }
}
