using Google.Protobuf;
using Platform.Grpc.Client;
using Platform.Grpc.Interop;
using Platform.Grpc.Protocol;

namespace Platform.Grpc.Tests.Interop;

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
        using var channel = GrpcChannel.ForAddress(interop.PythonAddress, new GrpcChannelOptions { UnavailableRetry = null });
        var test = new GrpcClient(channel, InteropTestService.Descriptor);
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
            "unimplemented_method" => Unimplemented(test, "UnimplementedCall"),
            "unimplemented_service" => Unimplemented(new GrpcClient(channel, InteropTestService.Unimplemented), "UnimplementedCall"),
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

    private static async IAsyncEnumerable<T> Items<T>(params T[] items)
    {
        foreach (var item in items) yield return item;
        await Task.CompletedTask;
    }

    private static async Task EmptyUnary(GrpcClient test) =>
        Assert.Equal(0, (await test.UnaryAsync<Empty, Empty>("EmptyCall", new Empty())).CalculateSize());

    private static async Task LargeUnary(GrpcClient test)
    {
        var reply = await test.UnaryAsync<SimpleRequest, SimpleResponse>("UnaryCall", new SimpleRequest { ResponseSize = 314159, Payload = Zeros(271828) });
        Assert.Equal(314159, reply.Payload.Body.Length);
    }

    private static async Task ClientStreaming(GrpcClient test)
    {
        var result = await test.ClientStreamingAsync<StreamingInputCallRequest, StreamingInputCallResponse>("StreamingInputCall",
            Items(new[] { 27182, 8, 1828, 45904 }.Select(size => new StreamingInputCallRequest { Payload = Zeros(size) }).ToArray()));
        Assert.Equal(74922, result.Response.AggregatedPayloadSize);
    }

    private static async Task ServerStreaming(GrpcClient test)
    {
        var sizes = await test.ServerStreamingAsync<StreamingOutputCallRequest, StreamingOutputCallResponse>("StreamingOutputCall", Output(31415, 9, 2653, 58979))
            .Select(r => r.Payload.Body.Length).ToListAsync();
        Assert.Equal([31415, 9, 2653, 58979], sizes);
    }

    private static async Task PingPong(GrpcClient test)
    {
        var pairs = new[] { (27182, 31415), (8, 9), (1828, 2653), (45904, 58979) };
        var requests = System.Threading.Channels.Channel.CreateUnbounded<StreamingOutputCallRequest>();
        var responses = test.DuplexStreamingAsync<StreamingOutputCallRequest, StreamingOutputCallResponse>("FullDuplexCall", requests.Reader.ReadAllAsync())
            .GetAsyncEnumerator();
        foreach (var (requestSize, responseSize) in pairs)
        {
            var request = Output(responseSize);
            request.Payload = Zeros(requestSize);
            await requests.Writer.WriteAsync(request);
            Assert.True(await responses.MoveNextAsync());
            Assert.Equal(responseSize, responses.Current.Payload.Body.Length);
        }
        requests.Writer.Complete();
        Assert.False(await responses.MoveNextAsync());
    }

    private static async Task CustomMetadata(GrpcClient test)
    {
        var metadata = new Metadata { { "x-grpc-test-echo-initial", "test_initial_metadata_value" } };
        metadata.Add("x-grpc-test-echo-trailing-bin", new byte[] { 0xab, 0xab, 0xab });
        var result = await test.UnaryCallAsync<SimpleRequest, SimpleResponse>("UnaryCall",
            new SimpleRequest { ResponseSize = 314159, Payload = Zeros(271828) }, new CallOptions(metadata));
        Assert.Equal("test_initial_metadata_value", result.Headers.GetValue("x-grpc-test-echo-initial"));
        Assert.Equal(new byte[] { 0xab, 0xab, 0xab }, result.Trailers.GetValueBytes("x-grpc-test-echo-trailing-bin"));

        var trailers = new Metadata();
        var responses = await test.DuplexStreamingAsync<StreamingOutputCallRequest, StreamingOutputCallResponse>("FullDuplexCall",
            Items(Output(314159)), new CallOptions(metadata), trailers).ToListAsync();
        Assert.Single(responses);
        Assert.Equal(new byte[] { 0xab, 0xab, 0xab }, trailers.GetValueBytes("x-grpc-test-echo-trailing-bin"));
    }

    private static async Task StatusCodeAndMessage(GrpcClient test, string message)
    {
        var request = new SimpleRequest { ResponseStatus = new EchoStatus { Code = 2, Message = message } };
        var error = await Assert.ThrowsAsync<RpcException>(() => test.UnaryAsync<SimpleRequest, SimpleResponse>("UnaryCall", request));
        Assert.Equal((StatusCode.Unknown, message), (error.StatusCode, error.Status.Detail));

        var streamed = Output();
        streamed.ResponseStatus = new EchoStatus { Code = 2, Message = message };
        var duplexError = await Assert.ThrowsAsync<RpcException>(async () =>
            await test.DuplexStreamingAsync<StreamingOutputCallRequest, StreamingOutputCallResponse>("FullDuplexCall", Items(streamed)).ToListAsync());
        Assert.Equal((StatusCode.Unknown, message), (duplexError.StatusCode, duplexError.Status.Detail));
    }

    private static async Task Unimplemented(GrpcClient client, string method)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync<Empty, Empty>(method, new Empty()));
        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    private static async Task TimeoutOnSleepingServer(GrpcClient test)
    {
        var request = Output(31415);
        request.Payload = Zeros(27182);
        async IAsyncEnumerable<StreamingOutputCallRequest> OneThenWait()
        {
            yield return request;
            await Task.Delay(TimeSpan.FromSeconds(10));
        }
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await test.DuplexStreamingAsync<StreamingOutputCallRequest, StreamingOutputCallResponse>("FullDuplexCall", OneThenWait(),
                new CallOptions(Deadline: DateTime.UtcNow.AddMilliseconds(1))).ToListAsync());
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    private static async Task CancelAfterBegin(GrpcClient test)
    {
        using var cancellation = new CancellationTokenSource();
        async IAsyncEnumerable<StreamingInputCallRequest> Nothing()
        {
            await Task.Delay(Timeout.Infinite, cancellation.Token);
            yield break;
        }
        var call = test.ClientStreamingAsync<StreamingInputCallRequest, StreamingInputCallResponse>("StreamingInputCall", Nothing(),
            new CallOptions(CancellationToken: cancellation.Token));
        await Task.Delay(100);
        await cancellation.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }
}
