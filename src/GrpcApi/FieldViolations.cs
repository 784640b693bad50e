using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Platform.GrpcApi;

/// <summary>INVALID_ARGUMENT with a google.rpc.BadRequest naming every field at fault, in grpc-status-details-bin.</summary>
public static class FieldViolations
{
    public static RpcException InvalidArgument(string message, IEnumerable<(string Field, string Description)> violations)
    {
        var badRequest = new BadRequest();
        foreach (var (field, description) in violations)
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
        return new Google.Rpc.Status { Code = (int)Code.InvalidArgument, Message = message, Details = { Any.Pack(badRequest) } }.ToRpcException();
    }

    /// <summary>Throws INVALID_ARGUMENT when any violation was found.</summary>
    public static void ThrowIfAny(IReadOnlyCollection<(string Field, string Description)> violations, string message)
    {
        if (violations.Count > 0) throw InvalidArgument(message, violations);
    }
}
