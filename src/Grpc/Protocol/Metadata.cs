using System.Collections;

namespace Platform.Grpc.Protocol;

/// <summary>
/// gRPC metadata: ASCII values, or binary values for keys ending in <c>-bin</c> (base64 on the wire).
/// Keys are lowercase.
/// </summary>
public sealed class Metadata : IEnumerable<Metadata.Entry>
{
    public const string BinarySuffix = "-bin";

    /// <summary>A binary value as it travels (base64; senders may leave the padding out).</summary>
    public static byte[] DecodeBinaryValue(string value)
    {
        var padded = value.Trim();
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }

    private readonly List<Entry> _entries = [];

    public sealed record Entry(string Key, string? Value, byte[]? ValueBytes)
    {
        public bool IsBinary => Key.EndsWith(BinarySuffix, StringComparison.Ordinal);
    }

    public int Count => _entries.Count;

    public void Add(string key, string value)
    {
        key = Normalize(key);
        if (key.EndsWith(BinarySuffix, StringComparison.Ordinal)) throw new ArgumentException($"Binary key '{key}' needs a byte[] value.", nameof(key));
        _entries.Add(new Entry(key, value, null));
    }

    public void Add(string key, byte[] value)
    {
        key = Normalize(key);
        if (!key.EndsWith(BinarySuffix, StringComparison.Ordinal)) throw new ArgumentException($"Key '{key}' for a byte[] value must end in '-bin'.", nameof(key));
        _entries.Add(new Entry(key, null, value));
    }

    public void Add(Entry entry) => _entries.Add(entry);

    public string? GetValue(string key) => _entries.LastOrDefault(e => e.Key == Normalize(key))?.Value;

    public byte[]? GetValueBytes(string key) => _entries.LastOrDefault(e => e.Key == Normalize(key))?.ValueBytes;

    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static string Normalize(string key) => key.ToLowerInvariant();
}
