using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Platform.Grpc.Protocol;

namespace Platform.Grpc.Server;

/// <summary>What a handler knows about its call: who, metadata, deadline, cancellation; and what it may add.</summary>
public sealed class ServerCallContext
{
    private readonly Func<Metadata, Task> _writeResponseHeaders;

    internal ServerCallContext(HttpContext http, string method, Metadata requestHeaders, DateTime deadline,
        CancellationToken cancellationToken, Func<Metadata, Task> writeResponseHeaders)
    {
        HttpContext = http;
        Method = method;
        RequestHeaders = requestHeaders;
        Deadline = deadline;
        CancellationToken = cancellationToken;
        _writeResponseHeaders = writeResponseHeaders;
    }

    public HttpContext HttpContext { get; }

    /// <summary>"/package.Service/Method".</summary>
    public string Method { get; }
    public Metadata RequestHeaders { get; }

    /// <summary>UTC; <see cref="DateTime.MaxValue"/> when the caller set none.</summary>
    public DateTime Deadline { get; }

    /// <summary>Cancelled when the deadline passes or the caller goes away.</summary>
    public CancellationToken CancellationToken { get; }

    public string Peer => $"ipv4:{HttpContext.Connection.RemoteIpAddress}:{HttpContext.Connection.RemotePort}";
    public ClaimsPrincipal User => HttpContext.User;

    /// <summary>Sent after the last response message, with the status.</summary>
    public Metadata ResponseTrailers { get; } = new();

    /// <summary>Sends response headers now (otherwise they go with the first message).</summary>
    public Task WriteResponseHeadersAsync(Metadata headers) => _writeResponseHeaders(headers);
}

public interface IServerStreamWriter<in T>
{
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}
