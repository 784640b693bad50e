using Google.Protobuf;
using Grpc.Core;

namespace Platform.Interop;

/// <summary>grpc.testing.TestService on grpc-dotnet, behaving as the interop test description requires.</summary>
public sealed class InteropTestService : TestService.TestServiceBase
{
    public override Task<Empty> EmptyCall(Empty request, ServerCallContext context) => Task.FromResult(new Empty());

    public override async Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        ThrowIfAsked(request.ResponseStatus);
        return new SimpleResponse { Payload = Zeros(request.ResponseSize) };
    }

    public override async Task StreamingOutputCall(
        StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        await WriteResponsesAsync(request, responseStream, context);
        ThrowIfAsked(request.ResponseStatus);
    }

    public override async Task<StreamingInputCallResponse> StreamingInputCall(IAsyncStreamReader<StreamingInputCallRequest> requestStream, ServerCallContext context)
    {
        var size = 0;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken)) size += request.Payload?.Body.Length ?? 0;
        return new StreamingInputCallResponse { AggregatedPayloadSize = size };
    }

    public override async Task FullDuplexCall(
        IAsyncStreamReader<StreamingOutputCallRequest> requestStream, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            ThrowIfAsked(request.ResponseStatus);
            await WriteResponsesAsync(request, responseStream, context);
        }
    }

    private static async Task WriteResponsesAsync(
        StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        foreach (var parameters in request.ResponseParameters)
        {
            if (parameters.IntervalUs > 0) await Task.Delay(TimeSpan.FromMicroseconds(parameters.IntervalUs), context.CancellationToken);
            await responseStream.WriteAsync(new StreamingOutputCallResponse { Payload = Zeros(parameters.Size) }, context.CancellationToken);
        }
    }

    private static Payload Zeros(int size) => new() { Body = ByteString.CopyFrom(new byte[size]) };

    private static void ThrowIfAsked(EchoStatus? status)
    {
        if (status is { Code: not 0 }) throw new RpcException(new Status((StatusCode)status.Code, status.Message));
    }

    /// <summary>custom_metadata: echo x-grpc-test-echo-initial as a header and x-grpc-test-echo-trailing-bin as a trailer.</summary>
    private static async Task EchoMetadataAsync(ServerCallContext context)
    {
        if (context.RequestHeaders.GetValue("x-grpc-test-echo-initial") is { } initial)
            await context.WriteResponseHeadersAsync(new Metadata { { "x-grpc-test-echo-initial", initial } });
        if (context.RequestHeaders.GetValueBytes("x-grpc-test-echo-trailing-bin") is { } trailing)
            context.ResponseTrailers.Add("x-grpc-test-echo-trailing-bin", trailing);
    }
}
