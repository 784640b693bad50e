using Platform.Grpc.Protocol;

namespace Platform.Grpc.Client;

/// <param name="Deadline">UTC; sent as grpc-timeout, and the call is cancelled with DEADLINE_EXCEEDED when it passes.</param>
/// <param name="Compress">Send request messages gzip-compressed.</param>
public sealed record CallOptions(Metadata? Headers = null, DateTime? Deadline = null, CancellationToken CancellationToken = default, bool Compress = false);

/// <summary>A finished call: its response, and the headers and trailers the server sent.</summary>
public sealed record CallResult<TResponse>(TResponse Response, Metadata Headers, Metadata Trailers);
