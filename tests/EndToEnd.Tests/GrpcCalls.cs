using System.Collections.Concurrent;
using Google.Rpc;
using Grpc.Core;

namespace Platform.EndToEnd.Tests;

/// <summary>The statuses of a flood of calls, for the tests of how often a caller may call.</summary>
internal static class GrpcCalls
{
    /// <summary>
    /// <paramref name="calls"/> calls, 32 at a time — well past the default per-caller limit (a burst of 200, then 100 a
    /// second) — and the status of each.
    /// </summary>
    public static async Task<IReadOnlyCollection<StatusCode>> FloodAsync<TResponse>(int calls, Func<AsyncUnaryCall<TResponse>> call)
    {
        var statuses = new ConcurrentBag<StatusCode>();
        await Parallel.ForEachAsync(Enumerable.Range(0, calls), new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (_, _) => statuses.Add(await Platform.Testing.GrpcStatus.StatusOfAsync(call)));
        return statuses;
    }

    /// <summary>The fields an INVALID_ARGUMENT names in its google.rpc.BadRequest, in order.</summary>
    public static IEnumerable<string> FieldViolationsOf(RpcException error) =>
        error.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field) ?? [];
}
