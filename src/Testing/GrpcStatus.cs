using Grpc.Core;

namespace Platform.Testing;

/// <summary>The status a unary call ends with, for tests of who may call what.</summary>
public static class GrpcStatus
{
    public static async Task<StatusCode> StatusOfAsync<TResponse>(Func<AsyncUnaryCall<TResponse>> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException error)
        {
            return error.StatusCode;
        }
    }
}
