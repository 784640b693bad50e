using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Interop;

namespace Platform.GrpcApi.Tests.Interop;

/// <summary>The gRPC interop test cases in both directions against python3-grpcio.</summary>
public sealed class InteropTests(InteropFixture interop) : IClassFixture<InteropFixture>
{
    public const string SpecialMessage = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n";

    private static readonly string[] CaseNames =
    [
        "empty_unary", "large_unary", "client_streaming", "server_streaming", "ping_pong", "custom_metadata",
        "status_code_and_message", "special_status_message", "unimplemented_method", "unimplemented_service",
        "timeout_on_sleeping_server", "cancel_after_begin",
    ];

    public static TheoryData<string> Cases => new(CaseNames);

    // The Python client runs every case in one process; each test reads its own result.
    private static Task<Dictionary<string, string>>? _pythonRun;
    private static readonly Lock Gate = new();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Python_client_against_our_server(string testCase)
    {
        Task<Dictionary<string, string>> run;
        lock (Gate) run = _pythonRun ??= interop.RunPythonClientAsync(CaseNames);
        var results = await run;
        Assert.Equal("ok", results[testCase]);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Our_client_against_the_python_server(string testCase)
    {
        using var channel = GrpcChannel.ForAddress(interop.PythonAddress);
        var test = new TestService.TestServiceClient(channel);
        await (testCase switch
        {
            "empty_unary" => EmptyUnary(test),
            "large_unary" => LargeUnary(test),
            "client_streaming" => ClientStreaming(test),
            "server_streaming" => ServerStreaming(test),
            "ping_pong" => PingPong(test),
            "custom_metadata" => CustomMetadata(test),
            "status_code_and_message" => StatusCodeAndMessage(test, "test status message"),
            "special_status_message" => StatusCodeAndMessage(test, SpecialMessage),
            "unimplemented_method" => Unimplemented(() => test.UnimplementedCallAsync(new Empty()).ResponseAsync),
            "unimplemented_service" => Unimplemented(() => new UnimplementedService.UnimplementedServiceClient(channel).UnimplementedCallAsync(new Empty()).ResponseAsync),
            "timeout_on_sleeping_server" => TimeoutOnSleepingServer(test),
            "cancel_after_begin" => CancelAfterBegin(test),
            _ => throw new ArgumentOutOfRangeException(nameof(testCase)),
        });
    }

    private static Payload Zeros(int size) => new() { Body = ByteString.CopyFrom(new byte[size]) };

    private static StreamingOutputCallRequest Output(params int[] sizes)
    {
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.AddRange(sizes.Select(s => new ResponseParameters { Size = s }));
        return request;
    }

    private static async Task EmptyUnary(TestService.TestServiceClient test) =>
        Assert.Equal(0, (await test.EmptyCallAsync(new Empty())).CalculateSize());

    private static async Task LargeUnary(TestService.TestServiceClient test)
    {
        var reply = await test.UnaryCallAsync(new SimpleRequest { ResponseSize = 314159, Payload = Zeros(271828) });
        Assert.Equal(314159, reply.Payload.Body.Length);
    }

    private static async Task ClientStreaming(TestService.TestServiceClient test)
    {
        using var call = test.StreamingInputCall();
        foreach (var size in new[] { 27182, 8, 1828, 45904 }) await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = Zeros(size) });
        await call.RequestStream.CompleteAsync();
        Assert.Equal(74922, (await call).AggregatedPayloadSize);
    }

    private static async Task ServerStreaming(TestService.TestServiceClient test)
    {
        using var call = test.StreamingOutputCall(Output(31415, 9, 2653, 58979));
        var sizes = await call.ResponseStream.ReadAllAsync().Select(r => r.Payload.Body.Length).ToListAsync();
        Assert.Equal([31415, 9, 2653, 58979], sizes);
    }

    private static async Task PingPong(TestService.TestServiceClient test)
    {
        using var call = test.FullDuplexCall();
        foreach (var (requestSize, responseSize) in new[] { (27182, 31415), (8, 9), (1828, 2653), (45904, 58979) })
        {
            var request = Output(responseSize);
            request.Payload = Zeros(requestSize);
            await call.RequestStream.WriteAsync(request);
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(responseSize, call.ResponseStream.Current.Payload.Body.Length);
        }
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
    }

    private static async Task CustomMetadata(TestService.TestServiceClient test)
    {
        var metadata = new Metadata
        {
            { "x-grpc-test-echo-initial", "test_initial_metadata_value" },
            { "x-grpc-test-echo-trailing-bin", new byte[] { 0xab, 0xab, 0xab } },
        };
        using var unary = test.UnaryCallAsync(new SimpleRequest { ResponseSize = 314159, Payload = Zeros(271828) }, metadata);
        await unary;
        Assert.Equal("test_initial_metadata_value", (await unary.ResponseHeadersAsync).GetValue("x-grpc-test-echo-initial"));
        Assert.Equal(new byte[] { 0xab, 0xab, 0xab }, unary.GetTrailers().GetValueBytes("x-grpc-test-echo-trailing-bin"));

        using var duplex = test.FullDuplexCall(metadata);
        await duplex.RequestStream.WriteAsync(Output(314159));
        await duplex.RequestStream.CompleteAsync();
        Assert.Single(await duplex.ResponseStream.ReadAllAsync().ToListAsync());
        Assert.Equal(new byte[] { 0xab, 0xab, 0xab }, duplex.GetTrailers().GetValueBytes("x-grpc-test-echo-trailing-bin"));
    }

    private static async Task StatusCodeAndMessage(TestService.TestServiceClient test, string message)
    {
        var request = new SimpleRequest { ResponseStatus = new EchoStatus { Code = 2, Message = message } };
        var error = await Assert.ThrowsAsync<RpcException>(() => test.UnaryCallAsync(request).ResponseAsync);
        Assert.Equal((StatusCode.Unknown, message), (error.StatusCode, error.Status.Detail));

        var streamed = Output();
        streamed.ResponseStatus = new EchoStatus { Code = 2, Message = message };
        using var duplex = test.FullDuplexCall();
        await duplex.RequestStream.WriteAsync(streamed);
        await duplex.RequestStream.CompleteAsync();
        var duplexError = await Assert.ThrowsAsync<RpcException>(async () => await duplex.ResponseStream.ReadAllAsync().ToListAsync());
        Assert.Equal((StatusCode.Unknown, message), (duplexError.StatusCode, duplexError.Status.Detail));
    }

    private static async Task Unimplemented(Func<Task> call) =>
        Assert.Equal(StatusCode.Unimplemented, (await Assert.ThrowsAsync<RpcException>(call)).StatusCode);

    private static async Task TimeoutOnSleepingServer(TestService.TestServiceClient test)
    {
        var request = Output(31415);
        request.Payload = Zeros(27182);
        using var call = test.FullDuplexCall(deadline: DateTime.UtcNow.AddMilliseconds(1));
        try
        {
            await call.RequestStream.WriteAsync(request);
        }
        catch (Exception writeRacedTheDeadline) when (writeRacedTheDeadline is RpcException or HttpProtocolException)
        {
            // The interop description allows the write to fail: the server may reset the stream at the deadline while
            // the request is still being sent (grpcio does). What is asserted is the call's status.
        }
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.ReadAllAsync().ToListAsync());
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    private static async Task CancelAfterBegin(TestService.TestServiceClient test)
    {
        using var cancellation = new CancellationTokenSource();
        using var call = test.StreamingInputCall(cancellationToken: cancellation.Token);
        await Task.Delay(100);
        await cancellation.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }
}
