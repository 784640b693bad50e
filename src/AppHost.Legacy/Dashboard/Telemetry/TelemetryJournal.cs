using System.Buffers.Binary;
using System.Globalization;

namespace Platform.AppHost.Dashboard.Telemetry;

public enum TelemetrySignal : byte { Traces = 1, Logs = 2, Metrics = 3 }

/// <summary>
/// The local store: every accepted OTLP batch appended as it arrived (signal, length, protobuf bytes) to one
/// file per hour. Replaying the files within the retention rebuilds memory after a restart; older files are
/// deleted. A batch cut short by a crash ends the replay of its file instead of failing it.
/// </summary>
public sealed class TelemetryJournal(string directory, TimeProvider time)
{
    private const int HeaderLength = 5;
    private readonly Lock _gate = new();

    public void Append(TelemetrySignal signal, ReadOnlySpan<byte> batch)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        header[0] = (byte)signal;
        BinaryPrimitives.WriteInt32LittleEndian(header[1..], batch.Length);
        lock (_gate)
        {
            Directory.CreateDirectory(directory);
            using var file = new FileStream(FileFor(time.GetUtcNow()), FileMode.Append, FileAccess.Write, FileShare.Read);
            file.Write(header);
            file.Write(batch);
        }
    }

    /// <summary>Every kept batch, oldest first; deletes the files past the retention.</summary>
    public IEnumerable<(TelemetrySignal Signal, byte[] Batch)> Replay(TimeSpan retention)
    {
        if (!Directory.Exists(directory)) yield break;
        var oldest = time.GetUtcNow() - retention;
        foreach (var file in Directory.GetFiles(directory, "*.otlp").Order(StringComparer.Ordinal))
        {
            if (HourOf(file) is not { } hour || hour.AddHours(1) < oldest)
            {
                File.Delete(file);
                continue;
            }
            foreach (var batch in Read(file)) yield return batch;
        }
    }

    private static IEnumerable<(TelemetrySignal, byte[])> Read(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var position = 0;
        while (position + HeaderLength <= bytes.Length)
        {
            var signal = (TelemetrySignal)bytes[position];
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(position + 1));
            if (!Enum.IsDefined(signal) || length < 0 || position + HeaderLength + length > bytes.Length) yield break;
            yield return (signal, bytes.AsSpan(position + HeaderLength, length).ToArray());
            position += HeaderLength + length;
        }
    }

    private string FileFor(DateTimeOffset now) => Path.Combine(directory, now.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture) + ".otlp");

    private static DateTimeOffset? HourOf(string file) =>
        DateTime.TryParseExact(Path.GetFileNameWithoutExtension(file), "yyyyMMddHH", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var hour)
            ? new DateTimeOffset(hour, TimeSpan.Zero)
            : null;
}
