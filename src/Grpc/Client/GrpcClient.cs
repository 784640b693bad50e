using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Platform.Grpc.Protocol;
using Platform.Grpc.Telemetry;

namespace Platform.Grpc.Client;

/// <summary>
/// Calls the methods of one service, typed by its generated messages:
/// <c>await client.UnaryAsync&lt;SubmitRequest, SubmitReply&gt;("Submit", request)</c>.
/// Non-OK statuses become <see cref="RpcException"/>.
/// </summary>
public sealed class GrpcClient(GrpcChannel channel, ServiceDescriptor service)
{
    public ServiceDescriptor Service { get; } = service;

    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(string method, TRequest request, CallOptions? options = null)
        where TRequest : IMessage<TRequest> where TResponse : IMessage<TResponse>, new() =>
        (await UnaryCallAsync<TRequest, TResponse>(method, request, options)).Response;

    public async Task<CallResult<TResponse>> UnaryCallAsync<TRequest, TResponse>(string method, TRequest request, CallOptions? options = null)
        where TRequest : IMessage<TRequest> where TResponse : IMessage<TResponse>, new()
    {
        options ??= new CallOptions();
        var pipeline = channel.Options.UnavailableRetry;
        if (pipeline is null) return await CallOnceAsync<TRequest, TResponse>(method, Single(request), options);
        var result = await pipeline.ExecuteAsync(async token =>
            (object?)await CallOnceAsync<TRequest, TResponse>(method, Single(request), options with { CancellationToken = token }),
            options.CancellationToken);
        return (CallResult<TResponse>)result!;
    }

    public Task<CallResult<TResponse>> ClientStreamingAsync<TRequest, TResponse>(string method, IAsyncEnumerable<TRequest> requests, CallOptions? options = null)
        where TRequest : IMessage<TRequest> where TResponse : IMessage<TResponse>, new() =>
        CallOnceAsync<TRequest, TResponse>(method, requests, options ?? new CallOptions());

    public IAsyncEnumerable<TResponse> ServerStreamingAsync<TRequest, TResponse>(string method, TRequest request, CallOptions? options = null)
        where TRequest : IMessage<TRequest> where TResponse : IMessage<TResponse>, new() =>
        StreamAsync<TRequest, TResponse>(method, Single(request), options ?? new CallOptions(), trailers: null);

    public IAsyncEnumerable<TResponse> DuplexStreamingAsync<TRequest, TResponse>(
        string method, IAsyncEnumerable<TRequest> requests, CallOptions? options = null, Metadata? trailers = null)
        where TRequest : IMessage<TRequest> where TResponse : IMessage<TResponse>, new() =>
        StreamAsync<TRequest, TResponse>(method, requests, options ?? new CallOptions(), trailers);

    private async Task<CallResult<TResponse>> CallOnceAsync<TRequest, TResponse>(string method, IAsyncEnumerable<TRequest> requests, CallOptions options)
        where TRequest : IMessage<TRequest> where TResponse : IMessage<TResponse>, new()
    {
        var trailers = new Metadata();
        TResponse? response = default;
        var headers = new Metadata();
        await foreach (var message in StreamAsync<TRequest, TResponse>(method, requests, options, trailers, headers))
        {
            if (response is not null) throw new RpcException(StatusCode.Internal, "The server sent more than one response message.");
            response = message;
        }
        return response is null
            ? throw new RpcException(StatusCode.Internal, "The server ended the call without a response message.")
            : new CallResult<TResponse>(response, headers, trailers);
    }

    private async IAsyncEnumerable<TResponse> StreamAsync<TRequest, TResponse>(
        string methodName, IAsyncEnumerable<TRequest> requests, CallOptions options, Metadata? trailers, Metadata? headers = null,
        [EnumeratorCancellation] CancellationToken enumeratorCancellation = default)
        where TRequest : IMessage<TRequest> where TResponse : IMessage<TResponse>, new()
    {
        var path = PathOf(methodName);
        var started = Stopwatch.GetTimestamp();
        using var activity = GrpcTelemetry.StartClientCall(path);
        using var deadline = new CancellationTokenSource();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken, enumeratorCancellation, deadline.Token);
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new GrpcRequestContent<TRequest>(requests, options.Compress).WithContentType(),
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.TryAddWithoutValidation(GrpcHeaders.AcceptEncoding, "gzip,identity");
        if (options.Compress) request.Headers.TryAddWithoutValidation(GrpcHeaders.Encoding, GrpcHeaders.Gzip);
        if (options.Deadline is { } due)
        {
            var remaining = due - DateTime.UtcNow;
            request.Headers.TryAddWithoutValidation(GrpcHeaders.Timeout, GrpcHeaders.FormatTimeout(remaining));
            deadline.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
        }
        foreach (var entry in options.Headers ?? [])
            request.Headers.TryAddWithoutValidation(entry.Key, entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes!) : entry.Value);

        var status = Status.Ok;
        var reader = new CallReader<TResponse>(channel, request, cancellation.Token, deadline, options.CancellationToken);
        try
        {
            await reader.StartAsync(headers);
            while (await reader.ReadAsync() is { } message) yield return message;
            status = reader.FinishStatus(trailers);
        }
        finally
        {
            if (reader.Failure is { } failure) status = failure.Status;
            reader.Dispose();
            GrpcTelemetry.EndCall(activity, path, status, started, server: false);
        }
    }

    private string PathOf(string methodName)
    {
        var method = Service.FindMethodByName(methodName)
            ?? throw new ArgumentException($"{Service.FullName} has no method '{methodName}'.", nameof(methodName));
        return $"/{Service.FullName}/{method.Name}";
    }

    private static async IAsyncEnumerable<T> Single<T>(T item)
    {
        yield return item;
        await Task.CompletedTask;
    }
}

/// <summary>The response side of one call: headers, framed messages, then the status in trailers.</summary>
internal sealed class CallReader<TResponse>(
    GrpcChannel channel, HttpRequestMessage request, CancellationToken cancellation, CancellationTokenSource deadline, CancellationToken callerToken)
    : IDisposable where TResponse : IMessage<TResponse>, new()
{
    private HttpResponseMessage? _response;
    private PipeReader? _body;
    private string? _encoding;

    public RpcException? Failure { get; private set; }

    public async Task StartAsync(Metadata? headers)
    {
        try
        {
            _response = await channel.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
        }
        catch (Exception exception)
        {
            throw Fail(Translate(exception));
        }
        if (_response.StatusCode != HttpStatusCode.OK)
            throw Fail(new RpcException(StatusFromHttp(_response.StatusCode), $"Bad gRPC response. HTTP status code: {(int)_response.StatusCode}"));
        // Trailers-only: the status is in the headers and there is no body.
        if (StatusIn(_response.Headers) is { } immediate && immediate.Status.Code != StatusCode.OK)
        {
            var trailers = new Metadata();
            CopyMetadata(_response.Headers, trailers);
            throw Fail(new RpcException(immediate.Status, immediate.DetailsBinary, trailers));
        }
        if (headers is not null) CopyMetadata(_response.Headers, headers);
        _encoding = _response.Headers.TryGetValues(GrpcHeaders.Encoding, out var values) ? values.FirstOrDefault() : null;
        _body = PipeReader.Create(await _response.Content.ReadAsStreamAsync(cancellation));
    }

    public async Task<TResponse?> ReadAsync()
    {
        try
        {
            var bytes = await MessageFraming.ReadAsync(_body!, channel.Options.MaxReceiveMessageSize, _encoding, cancellation);
            if (bytes is not null) return new MessageParser<TResponse>(() => new TResponse()).ParseFrom(bytes);
        }
        catch (RpcException rpc)
        {
            throw Fail(rpc);
        }
        catch (InvalidProtocolBufferException exception)
        {
            throw Fail(new RpcException(StatusCode.Internal, $"Failed to deserialize response message: {exception.Message}"));
        }
        catch (Exception exception)
        {
            throw Fail(Translate(exception));
        }
        return default;
    }

    public Status FinishStatus(Metadata? trailers)
    {
        var fromTrailers = StatusIn(_response!.TrailingHeaders) ?? StatusIn(_response.Headers)
            ?? throw Fail(new RpcException(StatusCode.Internal, "The server did not send a grpc-status."));
        if (trailers is not null) CopyMetadata(_response.TrailingHeaders, trailers);
        if (fromTrailers.Status.Code != StatusCode.OK) throw Fail(new RpcException(fromTrailers.Status, fromTrailers.DetailsBinary, trailers));
        return fromTrailers.Status;
    }

    private RpcException Fail(RpcException exception)
    {
        Failure = exception;
        return exception;
    }

    private RpcException Translate(Exception exception) => exception switch
    {
        RpcException rpc => rpc,
        OperationCanceledException when deadline.IsCancellationRequested => new RpcException(StatusCode.DeadlineExceeded, "Deadline Exceeded"),
        OperationCanceledException when callerToken.IsCancellationRequested => new RpcException(StatusCode.Cancelled, "Call cancelled by the caller"),
        HttpRequestException http => new RpcException(StatusCode.Unavailable, $"Error starting gRPC call: {http.Message}"),
        IOException io => new RpcException(StatusCode.Unavailable, $"Error reading the response: {io.Message}"),
        _ => new RpcException(StatusCode.Internal, exception.Message),
    };

    private static RpcException? StatusIn(HttpHeaders headers)
    {
        if (!headers.TryGetValues(GrpcHeaders.Status, out var codes)) return null;
        var code = int.TryParse(codes.First(), out var value) ? (StatusCode)value : StatusCode.Unknown;
        var message = headers.TryGetValues(GrpcHeaders.Message, out var messages) ? GrpcHeaders.DecodeMessage(messages.First()) : "";
        var details = headers.TryGetValues(GrpcHeaders.StatusDetails, out var detailValues) ? Metadata.DecodeBinaryValue(detailValues.First()) : null;
        return new RpcException(new Status(code, message), details);
    }

    private static void CopyMetadata(HttpHeaders source, Metadata target)
    {
        foreach (var (name, values) in source)
        {
            var key = name.ToLowerInvariant();
            if (GrpcHeaders.IsReserved(key) || key is "date" or "server" or "content-encoding") continue;
            foreach (var value in values)
            {
                if (key.EndsWith(Metadata.BinarySuffix, StringComparison.Ordinal)) target.Add(key, Metadata.DecodeBinaryValue(value));
                else target.Add(key, value);
            }
        }
    }

    private static StatusCode StatusFromHttp(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => StatusCode.Internal,
        HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
        HttpStatusCode.NotFound => StatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    public void Dispose()
    {
        _response?.Dispose();
        request.Dispose();
    }
}

/// <summary>The request body: each message framed and flushed as it is produced (client and duplex streaming).</summary>
internal sealed class GrpcRequestContent<TRequest>(IAsyncEnumerable<TRequest> requests, bool compress) : HttpContent where TRequest : IMessage<TRequest>
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        await foreach (var message in requests.WithCancellation(cancellationToken))
        {
            await MessageFraming.WriteAsync(writer, message.ToByteArray(), compress, cancellationToken);
            await writer.FlushAsync(cancellationToken);
        }
        await writer.CompleteAsync();
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }

    public GrpcRequestContent<TRequest> WithContentType()
    {
        Headers.ContentType = new MediaTypeHeaderValue(GrpcHeaders.ContentType);
        return this;
    }
}
