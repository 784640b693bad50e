using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;
using Platform.GrpcApi.Tests.Protos;

namespace Platform.GrpcApi.Tests;

/// <summary>Every call kind and error path of a server with the platform's gRPC defaults, over real HTTP/2.</summary>
public sealed class CallKindsTests(EchoServer server) : IClassFixture<EchoServer>
{
    private Echo.EchoClient Client => server.Client;

    [Fact]
    public async Task Unary_round_trips_with_metadata_in_headers_and_binary_trailers()
    {
        var headers = new Metadata { { "x-echo-header", "hello" }, { "x-echo-bin", new byte[] { 0, 1, 2, 250, 255 } } };

        using var call = Client.SayAsync(new EchoRequest { Text = "Сәлем", Payload = ByteString.CopyFrom(new byte[27_100]) }, headers);
        var reply = await call;

        Assert.Equal("Сәлем", reply.Text);
        Assert.Equal(27_100, reply.Payload.Length);
        Assert.Equal("hello", (await call.ResponseHeadersAsync).GetValue("x-echoed"));
        Assert.Equal(new byte[] { 0, 1, 2, 250, 255 }, call.GetTrailers().GetValueBytes("x-echoed-bin"));
    }

    [Fact]
    public async Task Server_streaming_delivers_every_message_in_order()
    {
        using var call = Client.Repeat(new RepeatRequest { Text = "tick", Times = 50 });
        var replies = await call.ResponseStream.ReadAllAsync().ToListAsync();
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"tick {i}"), replies.Select(r => r.Text));
    }

    [Fact]
    public async Task Client_streaming_receives_every_request()
    {
        using var call = Client.Sum();
        foreach (var i in Enumerable.Range(1, 100)) await call.RequestStream.WriteAsync(new Number { Value = i });
        await call.RequestStream.CompleteAsync();
        var total = await call;
        Assert.Equal((5050L, 100), (total.Sum, total.Count));
    }

    [Fact]
    public async Task Duplex_streaming_answers_each_message_as_it_comes()
    {
        using var call = Client.Chat();
        var answers = new List<string>();
        foreach (var text in new[] { "a", "b", "c" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            answers.Add(call.ResponseStream.Current.Text);
        }
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(["A", "B", "C"], answers);
    }

    [Fact]
    public async Task Requests_can_be_gzip_compressed()
    {
        var reply = await Client.SayAsync(new EchoRequest { Text = new string('z', 10_000) }, new Metadata { { "grpc-internal-encoding-request", "gzip" } });
        Assert.Equal(10_000, reply.Text.Length);
    }

    [Theory]
    [InlineData(StatusCode.InvalidArgument, "iin: must be 12 digits")]
    [InlineData(StatusCode.NotFound, "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n")]
    [InlineData(StatusCode.PermissionDenied, "100% sure")]
    public async Task A_status_and_message_reach_the_client_exactly(StatusCode code, string message)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.SayAsync(new EchoRequest { Text = message, FailWith = (int)code }).ResponseAsync);
        Assert.Equal(code, error.StatusCode);
        Assert.Equal(message, error.Status.Detail);
        Assert.Equal("asked", error.Trailers.GetValue("failure-reason"));
    }

    [Fact]
    public async Task An_unhandled_exception_is_unknown_without_details_outside_development()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.SayAsync(new EchoRequest { FailWith = -1 }).ResponseAsync);
        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Equal("Exception was thrown by handler.", error.Status.Detail);
    }

    [Fact]
    public async Task A_method_without_a_handler_or_an_unknown_service_is_unimplemented()
    {
        var method = await Assert.ThrowsAsync<RpcException>(() => Client.NotImplementedHereAsync(new EchoRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unimplemented, method.StatusCode);

        using var response = await RawPostAsync("/no.such.Service/Call", Frame([]));
        Assert.Equal("12", GrpcStatusOf(response));
        Assert.Contains("Service is unimplemented", Uri.UnescapeDataString(response.Headers.GetValues("grpc-message").Single()));
    }

    [Fact]
    public async Task A_deadline_ends_a_sleeping_call_with_deadline_exceeded()
    {
        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.SayAsync(new EchoRequest { DelayMs = 5000 }, deadline: DateTime.UtcNow.AddMilliseconds(300)).ResponseAsync);
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Cancelling_after_the_call_began_gives_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        using var call = Client.Sum(cancellationToken: cancellation.Token);
        await call.RequestStream.WriteAsync(new Number { Value = 1 });
        await cancellation.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task A_message_above_the_server_limit_is_resource_exhausted()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.SayAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[100_000]) }).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    private static readonly HttpClient RawHttp = new();

    /// <summary>A hand-made HTTP/2 request, for what a gRPC client would never send.</summary>
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

    private static string GrpcStatusOf(HttpResponseMessage response) =>
        response.TrailingHeaders.TryGetValues("grpc-status", out var trailing) ? trailing.Single() : response.Headers.GetValues("grpc-status").Single();

    private static ByteArrayContent Frame(byte[] message, int? declaredLength = null, string contentType = "application/grpc")
    {
        var frame = new byte[5 + message.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)(declaredLength ?? message.Length));
        message.CopyTo(frame, 5);
        var content = new ByteArrayContent(frame);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    public static TheoryData<string, byte[], int?, string> BadRequests => new()
    {
        { "truncated frame", new EchoRequest { Text = "hello" }.ToByteArray(), 100, "13" },
        // grpc-dotnet reads a unary request before any interceptor runs, so a message that does not parse ends UNKNOWN.
        { "garbage protobuf", [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F], null, "2" },
        { "wrong length prefix (too big)", [1, 2, 3], 1_000_000, "8" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_gets_the_right_status_and_the_server_keeps_serving(string what, byte[] message, int? declared, string status)
    {
        using var response = await RawPostAsync("/platform.testing.v1.Echo/Say", Frame(message, declared));
        var grpcStatus = GrpcStatusOf(response);
        Assert.True(status == grpcStatus, $"{what}: grpc-status {grpcStatus}");

        Assert.Equal("still here", (await Client.SayAsync(new EchoRequest { Text = "still here" })).Text);
    }

    [Fact]
    public async Task A_request_without_the_grpc_content_type_is_415()
    {
        using var response = await RawPostAsync("/platform.testing.v1.Echo/Say", new StringContent("hello"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }
}
