using System.IO.Pipelines;
using Platform.Grpc.Protocol;

namespace Platform.Grpc.Tests;

public sealed class ProtocolTests
{
    [Theory]
    [InlineData("1H", 3600_000)]
    [InlineData("2M", 120_000)]
    [InlineData("3S", 3_000)]
    [InlineData("250m", 250)]
    [InlineData("1500u", 1.5)]
    [InlineData("99999999n", 99.9999)]
    public void Timeouts_parse_in_every_unit(string value, double milliseconds)
    {
        Assert.True(GrpcHeaders.TryParseTimeout(value, out var timeout));
        Assert.Equal(milliseconds, timeout.TotalMilliseconds, 4);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("123456789S")]
    [InlineData("10s")]
    [InlineData("-1S")]
    [InlineData("1.5S")]
    public void Malformed_timeouts_are_rejected(string value) => Assert.False(GrpcHeaders.TryParseTimeout(value, out _));

    [Theory]
    [InlineData(250, "250000u")]
    [InlineData(86_400_000, "86400000m")]
    public void Timeouts_format_with_at_most_eight_digits(double milliseconds, string expected)
    {
        var formatted = GrpcHeaders.FormatTimeout(TimeSpan.FromMilliseconds(milliseconds));
        Assert.Equal(expected, formatted);
        Assert.True(GrpcHeaders.TryParseTimeout(formatted, out var parsed));
        Assert.Equal(milliseconds, parsed.TotalMilliseconds, 3);
    }

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100%", "100%25")]
    [InlineData("a\nb", "a%0Ab")]
    [InlineData("☺", "%E2%98%BA")]
    [InlineData("😈", "%F0%9F%98%88")]
    public void Status_messages_are_percent_encoded_and_decoded(string message, string encoded)
    {
        Assert.Equal(encoded, GrpcHeaders.EncodeMessage(message));
        Assert.Equal(message, GrpcHeaders.DecodeMessage(encoded));
    }

    [Fact]
    public void A_malformed_percent_escape_is_kept_rather_than_failing() => Assert.Equal("50%z", GrpcHeaders.DecodeMessage("50%z"));

    [Theory]
    [InlineData("application/grpc", true)]
    [InlineData("application/grpc+proto", true)]
    [InlineData("application/grpc; charset=utf-8", true)]
    [InlineData("application/grpcx", false)]
    [InlineData("application/json", false)]
    [InlineData(null, false)]
    public void Only_grpc_content_types_are_accepted(string? contentType, bool accepted) =>
        Assert.Equal(accepted, GrpcHeaders.IsGrpcContentType(contentType));

    [Fact]
    public async Task Frames_are_read_whatever_the_chunking()
    {
        var messages = new[] { new byte[] { 1, 2, 3 }, Array.Empty<byte>(), Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray() };
        var pipe = new Pipe();
        foreach (var message in messages) await MessageFraming.WriteAsync(pipe.Writer, message, compress: false, CancellationToken.None);
        await pipe.Writer.FlushAsync();
        var bytes = System.Buffers.BuffersExtensions.ToArray((await pipe.Reader.ReadAsync()).Buffer);

        foreach (var chunkSize in new[] { 1, 2, 3, 7, 1000 })
        {
            var chunked = new Pipe();
            var writer = Task.Run(async () =>
            {
                foreach (var chunk in bytes.Chunk(chunkSize))
                {
                    await chunked.Writer.WriteAsync(chunk);
                    await Task.Yield();
                }
                await chunked.Writer.CompleteAsync();
            });
            var read = new List<byte[]>();
            while (await MessageFraming.ReadAsync(chunked.Reader, 4096, null, CancellationToken.None) is { } message) read.Add(message);
            await writer;
            Assert.Equal(messages, read);
        }
    }

    [Fact]
    public async Task Gzip_frames_round_trip_and_need_an_agreed_encoding()
    {
        var pipe = new Pipe();
        await MessageFraming.WriteAsync(pipe.Writer, new byte[5000], compress: true, CancellationToken.None);
        await MessageFraming.WriteAsync(pipe.Writer, new byte[10], compress: true, CancellationToken.None);
        await pipe.Writer.CompleteAsync();

        Assert.Equal(5000, (await MessageFraming.ReadAsync(pipe.Reader, 8192, "gzip", CancellationToken.None))!.Length);
        var error = await Assert.ThrowsAsync<RpcException>(async () => await MessageFraming.ReadAsync(pipe.Reader, 8192, null, CancellationToken.None));
        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }
}
