using Google.Protobuf;
using Microsoft.AspNetCore.Routing;
using Platform.Grpc.Protocol;
using Platform.Grpc.Server;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Platform.Grpc.Interop;

/// <summary>grpc.testing.TestService on our server, behaving as the interop test description requires.</summary>
public static class InteropTestService
{
    public static readonly ServiceDescriptor Descriptor = GrpcTestingReflection.Descriptor.FindTypeByName<ServiceDescriptor>("TestService");
    public static readonly ServiceDescriptor Unimplemented = GrpcTestingReflection.Descriptor.FindTypeByName<ServiceDescriptor>("UnimplementedService");

    public static void MapInteropTestService(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService(Descriptor, service => service
            .Unary<Empty, Empty>("EmptyCall", (_, _) => Task.FromResult(new Empty()))
            .Unary<SimpleRequest, SimpleResponse>("UnaryCall", async (request, context) =>
            {
                await EchoMetadataAsync(context);
                ThrowIfAsked(request.ResponseStatus);
                return new SimpleResponse { Payload = Zeros(request.ResponseSize) };
            })
            .ServerStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("StreamingOutputCall", async (request, stream, context) =>
            {
                foreach (var parameters in request.ResponseParameters)
                {
                    if (parameters.IntervalUs > 0) await Task.Delay(TimeSpan.FromMicroseconds(parameters.IntervalUs), context.CancellationToken);
                    await stream.WriteAsync(new StreamingOutputCallResponse { Payload = Zeros(parameters.Size) }, context.CancellationToken);
                }
                ThrowIfAsked(request.ResponseStatus);
            })
            .ClientStreaming<StreamingInputCallRequest, StreamingInputCallResponse>("StreamingInputCall", async (requests, context) =>
            {
                var size = 0;
                await foreach (var request in requests) size += request.Payload?.Body.Length ?? 0;
                return new StreamingInputCallResponse { AggregatedPayloadSize = size };
            })
            .DuplexStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("FullDuplexCall", async (requests, stream, context) =>
            {
                await EchoMetadataAsync(context);
                await foreach (var request in requests)
                {
                    ThrowIfAsked(request.ResponseStatus);
                    foreach (var parameters in request.ResponseParameters)
                    {
                        if (parameters.IntervalUs > 0) await Task.Delay(TimeSpan.FromMicroseconds(parameters.IntervalUs), context.CancellationToken);
                        await stream.WriteAsync(new StreamingOutputCallResponse { Payload = Zeros(parameters.Size) }, context.CancellationToken);
                    }
                }
            }));
        endpoints.MapGrpcUnimplemented(name => name == Descriptor.FullName || name == Unimplemented.FullName);
    }

    private static Payload Zeros(int size) => new() { Body = ByteString.CopyFrom(new byte[size]) };

    private static void ThrowIfAsked(EchoStatus? status)
    {
        if (status is { Code: not 0 }) throw new RpcException((StatusCode)status.Code, status.Message);
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
