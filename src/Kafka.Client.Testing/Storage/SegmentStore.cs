using System.Globalization;
using Kafka.Client.Testing.State;

namespace Kafka.Client.Testing.Storage;

/// <summary>
/// A partition's batches on disk in Kafka's layout: a folder <c>topic-partition</c> holding a <c>.log</c> segment file
/// named after its first offset (20 digits), made of record batches back to back. Appends go to the OS at once
/// (no fsync, as Kafka); recovery truncates a torn last batch.
/// </summary>
internal sealed class SegmentStore : IDisposable
{
    private const string LogStartFile = "log-start-offset";
    private readonly string _directory;
    private FileStream? _active;

    public SegmentStore(string directory)
    {
        _directory = directory;
        System.IO.Directory.CreateDirectory(directory);
    }

    private static string SegmentName(long baseOffset) => baseOffset.ToString("D20", CultureInfo.InvariantCulture) + ".log";

    /// <summary>Reads every whole batch back; a torn or corrupt tail is cut off the file.</summary>
    public List<StoredBatch> Recover(out long logStartOffset)
    {
        var batches = new List<StoredBatch>();
        string startPath = Path.Combine(_directory, LogStartFile);
        logStartOffset = File.Exists(startPath) && long.TryParse(File.ReadAllText(startPath).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long start) ? start : 0;
        string[] segments = System.IO.Directory.GetFiles(_directory, "*.log");
        Array.Sort(segments, StringComparer.Ordinal);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (string segment in segments)
        {
            byte[] data = File.ReadAllBytes(segment);
            int position = 0;
            while (data.Length - position >= 12)
            {
                ReadOnlySpan<byte> rest = data.AsSpan(position);
                if (!BatchHeader.IsWhole(rest))
                {
                    break;
                }

                int size = BatchHeader.BatchLength(rest) + 12;
                byte[] bytes = rest[..size].ToArray();
                long baseOffset = BatchHeader.BaseOffset(bytes);
                batches.Add(new StoredBatch(baseOffset, baseOffset + BatchHeader.LastOffsetDelta(bytes), BatchHeader.MaxTimestamp(bytes), now, bytes));
                position += size;
            }

            if (position < data.Length)
            {
                using var file = new FileStream(segment, FileMode.Open, FileAccess.Write);
                file.SetLength(position);
            }
        }

        if (segments.Length > 1 || (segments.Length == 1 && batches.Count > 0 && Path.GetFileName(segments[0]) != SegmentName(batches[0].BaseOffset)))
        {
            Rewrite(batches, logStartOffset);
        }

        return batches;
    }

    public void Append(StoredBatch batch)
    {
        _active ??= new FileStream(Path.Combine(_directory, ActiveName()), FileMode.Append, FileAccess.Write, FileShare.Read, 1);
        _active.Write(batch.Bytes);
        _active.Flush(flushToDisk: false);
    }

    private string ActiveName()
    {
        string[] segments = System.IO.Directory.GetFiles(_directory, "*.log");
        Array.Sort(segments, StringComparer.Ordinal);
        return segments.Length > 0 ? Path.GetFileName(segments[^1]) : SegmentName(0);
    }

    /// <summary>Writes the remaining batches as one new segment (after truncation or deletion of old records).</summary>
    public void Rewrite(IReadOnlyList<StoredBatch> batches, long logStartOffset)
    {
        _active?.Dispose();
        _active = null;
        string name = SegmentName(batches.Count > 0 ? batches[0].BaseOffset : logStartOffset);
        string temp = Path.Combine(_directory, name + ".tmp");
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            foreach (StoredBatch batch in batches)
            {
                file.Write(batch.Bytes);
            }
        }

        // The new segment replaces the old ones by rename first, so a crash leaves one complete copy.
        string target = Path.Combine(_directory, name);
        File.Move(temp, target, overwrite: true);
        foreach (string old in System.IO.Directory.GetFiles(_directory, "*.log"))
        {
            if (!string.Equals(old, target, StringComparison.Ordinal))
            {
                File.Delete(old);
            }
        }

        MetadataStore.AtomicWrite(Path.Combine(_directory, LogStartFile), System.Text.Encoding.ASCII.GetBytes(logStartOffset.ToString(CultureInfo.InvariantCulture)));
    }

    public void Flush() => _active?.Flush(flushToDisk: true);

    public void Dispose()
    {
        _active?.Dispose();
        _active = null;
    }
}
