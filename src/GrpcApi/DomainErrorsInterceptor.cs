using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Platform.GrpcApi;

/// <summary>
/// Answers the domain's refusals in gRPC terms, whatever the call kind: an invalid record is INVALID_ARGUMENT with
/// every field violation, a conflict or a refused transition FAILED_PRECONDITION, a missing record or referral
/// NOT_FOUND, data outside the caller's territory PERMISSION_DENIED. Anything else stays an unhandled exception.
/// </summary>
public sealed class DomainErrorsInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception refusal) when (Translate(refusal) is { } status)
        {
            throw status;
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception refusal) when (Translate(refusal) is { } status)
        {
            throw status;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception refusal) when (Translate(refusal) is { } status)
        {
            throw status;
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception refusal) when (Translate(refusal) is { } status)
        {
            throw status;
        }
    }

    public static RpcException? Translate(Exception exception) => exception switch
    {
        InvalidRequestException invalid => FieldViolations.InvalidArgument(invalid.Message, invalid.Violations.Select(v => (v.Field, v.Description))),
        ConflictException => new RpcException(new Status(StatusCode.FailedPrecondition, exception.Message)),
        NotFoundException => new RpcException(new Status(StatusCode.NotFound, exception.Message)),
        AccessDeniedException => new RpcException(new Status(StatusCode.PermissionDenied, exception.Message)),
        _ => null,
    };
}
