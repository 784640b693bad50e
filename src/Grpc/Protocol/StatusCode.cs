namespace Platform.Grpc.Protocol;

/// <summary>The gRPC status codes (PROTOCOL-HTTP2 / statuscodes.md).</summary>
public enum StatusCode
{
    OK = 0,
    Cancelled = 1,
    Unknown = 2,
    InvalidArgument = 3,
    DeadlineExceeded = 4,
    NotFound = 5,
    AlreadyExists = 6,
    PermissionDenied = 7,
    ResourceExhausted = 8,
    FailedPrecondition = 9,
    Aborted = 10,
    OutOfRange = 11,
    Unimplemented = 12,
    Internal = 13,
    Unavailable = 14,
    DataLoss = 15,
    Unauthenticated = 16,
}

public readonly record struct Status(StatusCode Code, string Detail = "")
{
    public static readonly Status Ok = new(StatusCode.OK);
}

/// <summary>
/// A call ended with a non-OK status. Handlers throw it to answer with that status; clients catch it.
/// <see cref="DetailsBinary"/> travels as <c>grpc-status-details-bin</c> (a serialized google.rpc.Status).
/// </summary>
public sealed class RpcException(Status status, byte[]? detailsBinary = null, Metadata? trailers = null)
    : Exception($"Status(StatusCode=\"{status.Code}\", Detail=\"{status.Detail}\")")
{
    public RpcException(StatusCode code, string detail) : this(new Status(code, detail)) { }

    public Status Status { get; } = status;
    public StatusCode StatusCode => Status.Code;
    public byte[]? DetailsBinary { get; } = detailsBinary;
    public Metadata Trailers { get; } = trailers ?? new Metadata();
}
