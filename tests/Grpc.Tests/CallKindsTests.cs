using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Platform.Grpc.Client;
using Platform.Grpc.Protocol;
using Platform.Grpc.Tests.Echo;

namespace Platform.Grpc.Tests;

/// <summary>Every call kind and error path, between our client and our server over real HTTP/2.</summary>
public sealed class CallKindsTests(EchoServer server) : IClassFixture<EchoServer>
{
    private GrpcClient Client => server.Client;

    private static async IAsyncEnumerable<T> Stream<T>(IEnumerable<T> items, int delayMs = 0)
    {
        foreach (var item in items)
        {
            if (delayMs > 0) await Task.Delay(delayMs);
            yield return item;
        }
    }

    [Fact]
    public async Task Unary_round_trips_with_metadata_in_headers_and_binary_trailers()
    {
        var headers = new Metadata { { "x-echo-header", "привет" == "" ? "" : "hello" } };
        headers.Add("x-echo-bin", new byte[] { 0, 1, 2, 250, 255 });

        var result = await Client.UnaryCallAsync<EchoRequest, EchoReply>("Say",
            new EchoRequest { Text = "Сәлем", Payload = ByteString.CopyFrom(new byte[271_00]) }, new CallOptions(headers));

        Assert.Equal("Сәлем", result.Response.Text);
        Assert.Equal(27_100, result.Response.Payload.Length);
        Assert.Equal("hello", result.Headers.GetValue("x-echoed"));
        Assert.Equal(new byte[] { 0, 1, 2, 250, 255 }, result.Trailers.GetValueBytes("x-echoed-bin"));
    }

    [Fact]
    public async Task Server_streaming_delivers_every_message_in_order()
    {
        var replies = await Client.ServerStreamingAsync<RepeatRequest, EchoReply>("Repeat", new RepeatRequest { Text = "tick", Times = 50 }).ToListAsync();
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"tick {i}"), replies.Select(r => r.Text));
    }

    [Fact]
    public async Task Client_streaming_receives_every_request()
    {
        var result = await Client.ClientStreamingAsync<Number, Total>("Sum", Stream(Enumerable.Range(1, 100).Select(i => new Number { Value = i })));
        Assert.Equal((5050L, 100), (result.Response.Sum, result.Response.Count));
    }

    [Fact]
    public async Task Duplex_streaming_answers_each_message_as_it_comes()
    {
        var replies = await Client.DuplexStreamingAsync<EchoRequest, EchoReply>("Chat",
            Stream(new[] { "a", "b", "c" }.Select(t => new EchoRequest { Text = t }), delayMs: 20)).ToListAsync();
        Assert.Equal(["A", "B", "C"], replies.Select(r => r.Text));
    }

    [Fact]
    public async Task Requests_can_be_gzip_compressed()
    {
        var reply = await Client.UnaryAsync<EchoRequest, EchoReply>("Say",
            new EchoRequest { Text = new string('z', 10_000) }, new CallOptions(Compress: true));
        Assert.Equal(10_000, reply.Text.Length);
    }

    [Theory]
    [InlineData(StatusCode.InvalidArgument, "iin: must be 12 digits")]
    [InlineData(StatusCode.NotFound, "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n")]
    [InlineData(StatusCode.PermissionDenied, "100% sure")]
    public async Task A_status_and_message_reach_the_client_exactly(StatusCode code, string message)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.UnaryAsync<EchoRequest, EchoReply>("Say", new EchoRequest { Text = message, FailWith = (int)code }));
        Assert.Equal(code, error.StatusCode);
        Assert.Equal(message, error.Status.Detail);
        Assert.Equal("asked", error.Trailers.GetValue("failure-reason"));
    }

    [Fact]
    public async Task An_unhandled_exception_is_unknown_without_details()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.UnaryAsync<EchoRequest, EchoReply>("Say", new EchoRequest { FailWith = -1 }));
        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Equal("Exception was thrown by handler.", error.Status.Detail);
    }

    [Fact]
    public async Task A_method_without_a_handler_or_an_unknown_service_is_unimplemented()
    {
        var method = await Assert.ThrowsAsync<RpcException>(() => Client.UnaryAsync<EchoRequest, EchoReply>("NotImplementedHere", new EchoRequest()));
        Assert.Equal(StatusCode.Unimplemented, method.StatusCode);
        Assert.Contains("Method is unimplemented", method.Status.Detail);

        using var response = await RawPostAsync("/no.such.Service/Call", Frame([]));
        Assert.Equal("12", response.Headers.GetValues("grpc-status").Single());
        Assert.Contains("Service is unimplemented", Uri.UnescapeDataString(response.Headers.GetValues("grpc-message").Single()));
    }

    [Fact]
    public async Task A_deadline_ends_a_sleeping_call_with_deadline_exceeded()
    {
        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.UnaryAsync<EchoRequest, EchoReply>("Say",
            new EchoRequest { DelayMs = 5000 }, new CallOptions(Deadline: DateTime.UtcNow.AddMilliseconds(300))));
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Cancelling_after_the_call_began_gives_cancelled()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.ClientStreamingAsync<Number, Total>("Sum",
            Stream(Enumerable.Range(0, 1000).Select(i => new Number { Value = i }), delayMs: 50), new CallOptions(CancellationToken: cancellation.Token)));
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task A_message_above_the_server_limit_is_resource_exhausted()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.UnaryAsync<EchoRequest, EchoReply>("Say",
            new EchoRequest { Payload = ByteString.CopyFrom(new byte[100_000]) }));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    private static readonly HttpClient RawHttp = new();

    /// <summary>A hand-made HTTP/2 request, for what our own client would never send.</summary>
    private async Task<HttpResponseMessage> RawPostAsync(string path, HttpContent content)
    {
        var response = await RawHttp.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        });
        await response.Content.ReadAsByteArrayAsync();
        return response;
    }

    private static ByteArrayContent Frame(byte[] message, int? declaredLength = null, string contentType = "application/grpc")
    {
        var frame = new byte[5 + message.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)(declaredLength ?? message.Length));
        message.CopyTo(frame, 5);
        var content = new ByteArrayContent(frame);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    public static TheoryData<string, byte[], int?, string, string> BadRequests => new()
    {
        { "truncated frame", new EchoRequest { Text = "hello" }.ToByteArray(), 100, "application/grpc", "13" },
        { "garbage protobuf", [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F], null, "application/grpc", "13" },
        { "wrong length prefix (too big)", [1, 2, 3], 1_000_000, "application/grpc", "8" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_gets_the_right_status_and_the_server_keeps_serving(string what, byte[] message, int? declared, string contentType, string status)
    {
        using var response = await RawPostAsync("/platform.testing.v1.Echo/Say", Frame(message, declared, contentType));
        var grpcStatus = response.TrailingHeaders.TryGetValues("grpc-status", out var trailing) ? trailing.Single()
            : response.Headers.GetValues("grpc-status").Single();
        Assert.True(status == grpcStatus, $"{what}: grpc-status {grpcStatus}");

        Assert.Equal("still here", (await Client.UnaryAsync<EchoRequest, EchoReply>("Say", new EchoRequest { Text = "still here" })).Text);
    }

    [Fact]
    public async Task A_request_without_the_grpc_content_type_is_415()
    {
        using var response = await RawPostAsync("/platform.testing.v1.Echo/Say", new StringContent("hello"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }
}
