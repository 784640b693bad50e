using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Pipelines;

namespace Platform.Grpc.Protocol;

/// <summary>
/// The length-prefixed message framing: a compressed flag byte, a 4-byte big-endian length, the message.
/// Reading copes with frames split across any number of reads.
/// </summary>
public static class MessageFraming
{
    public const int HeaderLength = 5;

    /// <summary>
    /// The next message, or null at a clean end of stream. A frame cut short, a compressed frame without an
    /// agreed encoding, or a message above <paramref name="maximumLength"/> is an <see cref="RpcException"/>.
    /// </summary>
    public static async ValueTask<byte[]?> ReadAsync(PipeReader reader, int maximumLength, string? encoding, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (TryReadFrame(ref buffer, maximumLength, out var compressed, out var payload))
            {
                var message = compressed ? Decompress(payload, encoding, maximumLength) : payload.ToArray();
                reader.AdvanceTo(buffer.Start);
                return message;
            }
            if (result.IsCompleted)
            {
                var leftover = buffer.Length;
                reader.AdvanceTo(buffer.End);
                return leftover == 0 ? null : throw new RpcException(StatusCode.Internal, $"Incomplete message: the stream ended {leftover} bytes into a frame.");
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maximumLength, out bool compressed, out ReadOnlySequence<byte> payload)
    {
        compressed = false;
        payload = default;
        if (buffer.Length < HeaderLength) return false;
        Span<byte> header = stackalloc byte[HeaderLength];
        buffer.Slice(0, HeaderLength).CopyTo(header);
        if (header[0] > 1) throw new RpcException(StatusCode.Internal, $"Invalid compressed flag {header[0]} in a message frame.");
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > maximumLength)
            throw new RpcException(StatusCode.ResourceExhausted, $"Received message larger than max ({length} vs. {maximumLength})");
        if (buffer.Length < HeaderLength + length) return false;
        compressed = header[0] == 1;
        payload = buffer.Slice(HeaderLength, length);
        buffer = buffer.Slice(HeaderLength + length);
        return true;
    }

    private static byte[] Decompress(ReadOnlySequence<byte> payload, string? encoding, int maximumLength)
    {
        if (!string.Equals(encoding, GrpcHeaders.Gzip, StringComparison.OrdinalIgnoreCase))
            throw new RpcException(StatusCode.Internal, $"A compressed message arrived with grpc-encoding '{encoding ?? "identity"}'.");
        using var input = new MemoryStream(payload.ToArray());
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        try
        {
            while ((read = gzip.Read(chunk)) > 0)
            {
                if (output.Length + read > maximumLength)
                    throw new RpcException(StatusCode.ResourceExhausted, $"Received message larger than max after decompression ({maximumLength}).");
                output.Write(chunk, 0, read);
            }
        }
        catch (InvalidDataException exception)
        {
            throw new RpcException(StatusCode.Internal, $"The compressed message is corrupt: {exception.Message}");
        }
        return output.ToArray();
    }

    /// <summary>Writes one framed message, gzip-compressed when <paramref name="compress"/>.</summary>
    public static async ValueTask WriteAsync(PipeWriter writer, ReadOnlyMemory<byte> message, bool compress, CancellationToken cancellationToken)
    {
        var payload = compress ? Compress(message.Span) : message;
        var header = writer.GetSpan(HeaderLength);
        header[0] = compress ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)payload.Length);
        writer.Advance(HeaderLength);
        await writer.WriteAsync(payload, cancellationToken);
    }

    private static byte[] Compress(ReadOnlySpan<byte> message)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(message);
        return output.ToArray();
    }
}
