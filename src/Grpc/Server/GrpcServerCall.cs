using System.Diagnostics;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Platform.Grpc.Protocol;
using Platform.Grpc.Telemetry;

namespace Platform.Grpc.Server;

/// <summary>
/// One gRPC call on the server: checks the request, reads and writes framed messages, enforces the deadline,
/// and ends with the status in trailers (or in the headers alone when nothing was sent: trailers-only).
/// </summary>
internal sealed class GrpcServerCall<TRequest, TResponse>
    where TRequest : IMessage<TRequest>, new()
    where TResponse : IMessage<TResponse>
{
    private readonly HttpContext _http;
    private readonly GrpcServerOptions _options;
    private readonly MessageParser<TRequest> _parser;
    private readonly string? _requestEncoding;
    private readonly bool _compressResponses;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private bool _headersSent;
    private bool _completed;

    private GrpcServerCall(HttpContext http, GrpcServerOptions options, MessageParser<TRequest> parser)
    {
        _http = http;
        _options = options;
        _parser = parser;
        _requestEncoding = http.Request.Headers[GrpcHeaders.Encoding].ToString() is { Length: > 0 } encoding ? encoding : null;
        _compressResponses = options.CompressResponses
            && http.Request.Headers[GrpcHeaders.AcceptEncoding].ToString().Split(',').Any(e => e.Trim() == GrpcHeaders.Gzip);
    }

    public static async Task HandleAsync(
        HttpContext http, GrpcServerOptions options, MessageParser<TRequest> parser, string method,
        Func<GrpcServerCall<TRequest, TResponse>, ServerCallContext, Task> invoke, ILogger logger)
    {
        if (!GrpcHeaders.IsGrpcContentType(http.Request.ContentType))
        {
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            http.Response.Headers[GrpcHeaders.Status] = ((int)StatusCode.Internal).ToString();
            http.Response.Headers[GrpcHeaders.Message] = GrpcHeaders.EncodeMessage($"Content-Type '{http.Request.ContentType}' is not supported");
            return;
        }

        var call = new GrpcServerCall<TRequest, TResponse>(http, options, parser);
        var started = Stopwatch.GetTimestamp();
        using var activity = GrpcTelemetry.StartServerCall(method);
        var status = await call.RunAsync(method, invoke, logger);
        GrpcTelemetry.EndCall(activity, method, status, started, server: true);
        logger.LogDebug("gRPC call {Method} from {Peer} ended {StatusCode} in {ElapsedMs:0.0} ms", method,
            http.Connection.RemoteIpAddress, status.Code, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private async Task<Status> RunAsync(string method, Func<GrpcServerCall<TRequest, TResponse>, ServerCallContext, Task> invoke, ILogger logger)
    {
        var timeoutHeader = _http.Request.Headers[GrpcHeaders.Timeout].ToString();
        TimeSpan? timeout = null;
        if (timeoutHeader.Length > 0)
        {
            if (!GrpcHeaders.TryParseTimeout(timeoutHeader, out var parsed))
                return await CompleteAsync(new Status(StatusCode.Internal, $"Invalid grpc-timeout '{timeoutHeader}'"), null, []);
            timeout = parsed;
        }

        using var deadline = new CancellationTokenSource();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_http.RequestAborted, deadline.Token);
        if (timeout is { } limit) deadline.CancelAfter(limit);
        var context = new ServerCallContext(_http, method, RequestMetadata(_http.Request),
            timeout is { } t ? DateTime.UtcNow + t : DateTime.MaxValue, cancellation.Token, WriteHeadersAsync);

        var handler = Task.Run(() => invoke(this, context), CancellationToken.None);
        // The deadline ends the call even if the handler ignores its cancellation token.
        var expired = Task.Delay(Timeout.Infinite, deadline.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        if (await Task.WhenAny(handler, expired) != handler)
        {
            _ = handler.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            return await CompleteAsync(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), null, context.ResponseTrailers);
        }

        try
        {
            await handler;
            return await CompleteAsync(Status.Ok, null, context.ResponseTrailers);
        }
        catch (RpcException rpc)
        {
            foreach (var entry in rpc.Trailers) context.ResponseTrailers.Add(entry);
            return await CompleteAsync(rpc.Status, rpc.DetailsBinary, context.ResponseTrailers);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return await CompleteAsync(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), null, context.ResponseTrailers);
        }
        catch (OperationCanceledException) when (_http.RequestAborted.IsCancellationRequested)
        {
            return new Status(StatusCode.Cancelled, "Cancelled by the client");
        }
        catch (InvalidProtocolBufferException exception)
        {
            return await CompleteAsync(new Status(StatusCode.Internal, $"Failed to deserialize request message: {exception.Message}"), null, context.ResponseTrailers);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Unhandled exception in gRPC method {Method}", method);
            var detail = _options.EnableDetailedErrors ? $"Exception was thrown by handler. {exception.GetType().Name}: {exception.Message}" : "Exception was thrown by handler.";
            return await CompleteAsync(new Status(StatusCode.Unknown, detail), null, context.ResponseTrailers);
        }
    }

    public async Task<TRequest> ReadSingleRequestAsync(CancellationToken cancellationToken)
    {
        var first = await ReadNextAsync(cancellationToken)
            ?? throw new RpcException(StatusCode.Internal, "The request has no message (a unary call needs exactly one).");
        if (await ReadNextAsync(cancellationToken) is not null)
            throw new RpcException(StatusCode.Internal, "The request has more than one message (a unary call needs exactly one).");
        return first;
    }

    public async IAsyncEnumerable<TRequest> ReadAllRequestsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await ReadNextAsync(cancellationToken) is { } message) yield return message;
    }

    private async Task<TRequest?> ReadNextAsync(CancellationToken cancellationToken)
    {
        var bytes = await MessageFraming.ReadAsync(_http.Request.BodyReader, _options.MaxReceiveMessageSize, _requestEncoding, cancellationToken);
        return bytes is null ? default : _parser.ParseFrom(bytes);
    }

    public IServerStreamWriter<TResponse> ResponseStream => new ResponseWriter(this);

    public async Task WriteResponseAsync(TResponse message, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            if (_completed) throw new InvalidOperationException("The call has already ended; no more messages can be written.");
            PrepareHeaders(null);
            await MessageFraming.WriteAsync(_http.Response.BodyWriter, message.ToByteArray(), _compressResponses, cancellationToken);
            await _http.Response.BodyWriter.FlushAsync(cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task WriteHeadersAsync(Metadata headers)
    {
        await _writeGate.WaitAsync();
        try
        {
            if (_headersSent) throw new InvalidOperationException("Response headers were already sent.");
            PrepareHeaders(headers);
            await _http.Response.StartAsync();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private void PrepareHeaders(Metadata? metadata)
    {
        if (_headersSent) return;
        _headersSent = true;
        var headers = _http.Response.Headers;
        headers.ContentType = GrpcHeaders.ContentType;
        headers[GrpcHeaders.AcceptEncoding] = "gzip,identity";
        if (_compressResponses) headers[GrpcHeaders.Encoding] = GrpcHeaders.Gzip;
        if (metadata is not null) AddMetadata(headers, metadata);
    }

    /// <summary>Ends the call: status in trailers after messages, or in the headers alone when none were sent.</summary>
    private async Task<Status> CompleteAsync(Status status, byte[]? details, Metadata trailers)
    {
        await _writeGate.WaitAsync();
        try
        {
            _completed = true;
            if (_http.Response.HasStarted || _headersSent)
            {
                PrepareHeaders(null);
                var trailerFeature = _http.Features.Get<IHttpResponseTrailersFeature>();
                if (trailerFeature is null) return status;
                WriteStatus(trailerFeature.Trailers, status, details, trailers);
            }
            else
            {
                _http.Response.ContentType = GrpcHeaders.ContentType;
                WriteStatus(_http.Response.Headers, status, details, trailers);
            }
            return status;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private static void WriteStatus(IHeaderDictionary target, Status status, byte[]? details, Metadata trailers)
    {
        target[GrpcHeaders.Status] = ((int)status.Code).ToString();
        if (status.Detail.Length > 0) target[GrpcHeaders.Message] = GrpcHeaders.EncodeMessage(status.Detail);
        if (details is not null) target[GrpcHeaders.StatusDetails] = Convert.ToBase64String(details);
        AddMetadata(target, trailers);
    }

    private static void AddMetadata(IHeaderDictionary target, Metadata metadata)
    {
        foreach (var entry in metadata)
            target.Append(entry.Key, entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes!) : entry.Value);
    }

    private static Metadata RequestMetadata(HttpRequest request)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in request.Headers)
        {
            var key = name.ToLowerInvariant();
            if (GrpcHeaders.IsReserved(key)) continue;
            foreach (var value in values)
            {
                if (value is null) continue;
                if (key.EndsWith(Metadata.BinarySuffix, StringComparison.Ordinal)) metadata.Add(key, Metadata.DecodeBinaryValue(value));
                else metadata.Add(key, value);
            }
        }
        return metadata;
    }

    private sealed class ResponseWriter(GrpcServerCall<TRequest, TResponse> call) : IServerStreamWriter<TResponse>
    {
        public Task WriteAsync(TResponse message, CancellationToken cancellationToken = default) => call.WriteResponseAsync(message, cancellationToken);
    }
}
