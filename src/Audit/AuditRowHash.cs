using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Audit;

/// <summary>
/// The hash that chains audit rows: SHA-256 over a canonical encoding of every column of a row (its
/// <see cref="AuditLogRow.RowHash"/> aside) including the previous row's hash.
/// </summary>
public static class AuditRowHash
{
    public const int Length = 32;

    /// <summary>The previous hash of the first row: the chain head's initial value in the migration.</summary>
    public static ReadOnlySpan<byte> Genesis => new byte[Length];

    // Names the encoding, so that a future change of it cannot produce a hash equal to one of this version.
    private const string Format = "platform.audit_log/v1";

    public static byte[] Compute(AuditLogRow row) => SHA256.HashData(Encode(row));

    /// <summary>
    /// Every value is self-delimiting (texts and byte strings carry their length, absent values a marker of their
    /// own, lists their count), so no two different rows encode alike: ("ab", "c") never collides with ("a", "bc"),
    /// nor null with "". Enumerations are encoded by their stored names, not their numbers.
    /// Layout, for anyone re-implementing the verifier: text = 0x00 when null, else 0x01, int32 length, UTF-8 bytes;
    /// bytes = int32 length, bytes; integers big-endian; booleans one byte 0/1; the instant as int64 microseconds
    /// since 1970-01-01 UTC. In order: text "platform.audit_log/v1", previous hash, seq, occurred_at, actor id, actor
    /// kind, role, territory, action, subject IIN, int32 section count then each section, purpose, break_glass,
    /// break-glass reason, flagged_for_review, client address, outcome, trace id.
    /// </summary>
    public static byte[] Encode(AuditLogRow row)
    {
        var output = new ArrayBufferWriter<byte>(512);
        WriteText(output, Format);
        WriteBytes(output, row.PreviousHash);
        WriteInt64(output, row.Sequence);
        WriteInt64(output, UnixMicroseconds(row.OccurredAt));
        WriteText(output, row.Actor.Id);
        WriteText(output, AuditNames.Of(row.Actor.Kind));
        WriteText(output, row.Actor.Role);
        WriteText(output, row.Actor.Territory);
        WriteText(output, AuditNames.Of(row.Action));
        WriteText(output, row.SubjectIin);
        WriteInt32(output, row.Sections.Count);
        foreach (var section in row.Sections) WriteText(output, section);
        WriteText(output, row.Purpose);
        WriteBoolean(output, row.BreakGlass);
        WriteText(output, row.BreakGlassReason);
        WriteBoolean(output, row.FlaggedForReview);
        WriteText(output, row.ClientAddress);
        WriteText(output, AuditNames.Of(row.Outcome));
        WriteText(output, row.TraceId);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// PostgreSQL keeps microseconds, .NET ticks of 100 ns: the hash covers only what is stored, so a row hashes
    /// the same before it is written and after it is read back. The offset is not part of the instant.
    /// </summary>
    public static long UnixMicroseconds(DateTimeOffset instant) =>
        (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset instant) =>
        DateTimeOffset.UnixEpoch.AddTicks(UnixMicroseconds(instant) * TimeSpan.TicksPerMicrosecond);

    private static void WriteText(ArrayBufferWriter<byte> output, string? text)
    {
        WriteBoolean(output, text is not null);
        if (text is not null) WriteBytes(output, Encoding.UTF8.GetBytes(text));
    }

    private static void WriteBytes(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        WriteInt32(output, bytes.Length);
        output.Write(bytes);
    }

    private static void WriteBoolean(ArrayBufferWriter<byte> output, bool value) => output.Write([value ? (byte)1 : (byte)0]);

    private static void WriteInt32(ArrayBufferWriter<byte> output, int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(sizeof(int)), value);
        output.Advance(sizeof(int));
    }

    private static void WriteInt64(ArrayBufferWriter<byte> output, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(output.GetSpan(sizeof(long)), value);
        output.Advance(sizeof(long));
    }
}
