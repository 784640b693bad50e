using System.Collections.Concurrent;
using Google.Rpc;
using Grpc.Core;

namespace Platform.EndToEnd.Tests;

/// <summary>The status a call ends with, one call or a flood of them, for the tests of who may call what how often.</summary>
internal static class GrpcCalls
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

    /// <summary>
    /// <paramref name="calls"/> calls, 32 at a time — well past the default per-caller limit (a burst of 200, then 100 a
    /// second) — and the status of each.
    /// </summary>
    public static async Task<IReadOnlyCollection<StatusCode>> FloodAsync<TResponse>(int calls, Func<AsyncUnaryCall<TResponse>> call)
    {
        var statuses = new ConcurrentBag<StatusCode>();
        await Parallel.ForEachAsync(Enumerable.Range(0, calls), new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (_, _) => statuses.Add(await StatusOfAsync(call)));
        return statuses;
    }

    /// <summary>The fields an INVALID_ARGUMENT names in its google.rpc.BadRequest, in order.</summary>
    public static IEnumerable<string> FieldViolationsOf(RpcException error) =>
        error.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field) ?? [];
}
