namespace Platform.Grpc.Server;

public sealed class GrpcServerOptions
{
    /// <summary>Larger requests are refused with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Put the exception's message into UNKNOWN statuses (development only: it may reveal internals).</summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>Compress responses with gzip when the client accepts it.</summary>
    public bool CompressResponses { get; set; }
}
