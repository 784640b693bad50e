using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Platform.Grpc.Rpc;

namespace Platform.Grpc.Protocol;

/// <summary>Errors with details a client can act on, carried in grpc-status-details-bin.</summary>
public static class RichStatus
{
    /// <summary>INVALID_ARGUMENT listing every field violation (google.rpc.BadRequest).</summary>
    public static RpcException InvalidArgument(string message, IEnumerable<(string Field, string Description)> violations)
    {
        var badRequest = new BadRequest();
        foreach (var (field, description) in violations)
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
        var status = new Rpc.Status { Code = (int)StatusCode.InvalidArgument, Message = message, Details = { Any.Pack(badRequest) } };
        return new RpcException(new Status(StatusCode.InvalidArgument, message), status.ToByteArray());
    }

    /// <summary>The field violations in an exception's details, if it carries a BadRequest.</summary>
    public static IReadOnlyList<BadRequest.Types.FieldViolation> FieldViolations(RpcException exception) =>
        exception.DetailsBinary is null
            ? []
            : Rpc.Status.Parser.ParseFrom(exception.DetailsBinary).Details
                .Where(d => d.Is(BadRequest.Descriptor))
                .SelectMany(d => d.Unpack<BadRequest>().FieldViolations)
                .ToList();
}
