using System.Globalization;
using System.Text;

namespace Platform.Grpc.Protocol;

/// <summary>Header names and the small encodings of the gRPC-over-HTTP/2 protocol.</summary>
public static class GrpcHeaders
{
    public const string ContentType = "application/grpc";
    public const string Status = "grpc-status";
    public const string Message = "grpc-message";
    public const string StatusDetails = "grpc-status-details-bin";
    public const string Timeout = "grpc-timeout";
    public const string Encoding = "grpc-encoding";
    public const string AcceptEncoding = "grpc-accept-encoding";
    public const string Gzip = "gzip";

    /// <summary>Headers that are the protocol's own, not application metadata.</summary>
    public static bool IsReserved(string name) =>
        name.StartsWith(':') || name.StartsWith("grpc-", StringComparison.Ordinal) && name != StatusDetails
        || name is "content-type" or "te" or "host" or "user-agent" or "content-length" or "accept-encoding" or "traceparent" or "tracestate";

    /// <summary>Is the content type application/grpc, optionally +proto or with parameters?</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase)) return false;
        var rest = contentType.AsSpan(ContentType.Length);
        return rest.IsEmpty || rest[0] is '+' or ';';
    }

    /// <summary>Parses grpc-timeout: at most 8 digits and a unit H, M, S, m (ms), u (µs), n (ns).</summary>
    public static bool TryParseTimeout(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (value is null || value.Length is < 2 or > 9) return false;
        var digits = value.AsSpan(0, value.Length - 1);
        foreach (var c in digits) if (!char.IsAsciiDigit(c)) return false;
        var amount = long.Parse(digits, CultureInfo.InvariantCulture);
        long? ticks = value[^1] switch
        {
            'H' => amount * TimeSpan.TicksPerHour,
            'M' => amount * TimeSpan.TicksPerMinute,
            'S' => amount * TimeSpan.TicksPerSecond,
            'm' => amount * TimeSpan.TicksPerMillisecond,
            'u' => amount * 10,
            'n' => amount / 100,
            _ => null,
        };
        if (ticks is null) return false;
        timeout = TimeSpan.FromTicks(ticks.Value);
        return true;
    }

    /// <summary>The shortest exact-enough grpc-timeout value (8 digits at most, rounded up).</summary>
    public static string FormatTimeout(TimeSpan timeout)
    {
        var ticks = Math.Max(0, timeout.Ticks);
        foreach (var (unit, perUnit) in new[] { ('n', 0.01), ('u', 10d), ('m', TimeSpan.TicksPerMillisecond), ('S', TimeSpan.TicksPerSecond), ('M', TimeSpan.TicksPerMinute), ('H', TimeSpan.TicksPerHour) })
        {
            var amount = (long)Math.Ceiling(ticks / perUnit);
            if (amount < 100_000_000) return amount.ToString(CultureInfo.InvariantCulture) + unit;
        }
        return "99999999H";
    }

    /// <summary>grpc-message is percent-encoded UTF-8: everything outside printable ASCII, and '%' itself.</summary>
    public static string EncodeMessage(string message)
    {
        var builder = new StringBuilder(message.Length);
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%') builder.Append((char)b);
            else builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    /// <summary>Decodes grpc-message; a malformed escape is kept as it is rather than failing the call.</summary>
    public static string DecodeMessage(string encoded)
    {
        if (!encoded.Contains('%')) return encoded;
        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == '%' && i + 2 < encoded.Length
                && byte.TryParse(encoded.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
            {
                bytes.Add(value);
                i += 2;
            }
            else bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(encoded[i].ToString()));
        }
        return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
    }
}
