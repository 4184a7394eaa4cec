using System.Text;
using System.Text.Json;
using Kafka.Client.Testing.Groups;

namespace Kafka.Client.Testing.Storage;

/// <summary>
/// Committed offsets on disk, as <c>__consumer_offsets/offsets.log</c> in the data directory: one JSON record per
/// line (a commit, a deleted offset, or a deleted group), appended as they happen, like Kafka's compacted
/// <c>__consumer_offsets</c> topic. When dead records outnumber live offsets the file is rewritten atomically with
/// only the live ones. A torn last line (a crash mid-append) is ignored on load.
/// </summary>
internal sealed class OffsetLog : IDisposable
{
    private const int MinRecordsBeforeCompaction = 1024;
    private readonly string _path;
    private FileStream? _stream;
    private long _records;

    public OffsetLog(string directory)
    {
        _path = Path.Combine(directory, "__consumer_offsets", "offsets.log");
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
    }

    /// <summary>Replays the file into <paramref name="offsets"/> (group → topic-partition → offset).</summary>
    public void Load(Dictionary<string, Dictionary<(string Topic, int Partition), CommittedOffset>> offsets)
    {
        if (File.Exists(_path))
        {
            foreach (string line in File.ReadLines(_path, Encoding.UTF8))
            {
                if (!TryApply(line, offsets))
                {
                    break;
                }

                _records++;
            }
        }

        // Rewrite once on open: drops a torn tail and the dead records, and starts appending to a clean file.
        Compact(offsets);
    }

    public void AppendCommit(string group, string topic, int partition, CommittedOffset offset) =>
        Append(Record("commit", group, topic, partition, offset));

    public void AppendDelete(string group, string topic, int partition) => Append(Record("delete", group, topic, partition, null));

    public void AppendDeleteGroup(string group) => Append(Record("deleteGroup", group, null, 0, null));

    /// <summary>Rewrites the file with only the live offsets when dead records dominate.</summary>
    public void MaybeCompact(Dictionary<string, Dictionary<(string Topic, int Partition), CommittedOffset>> offsets)
    {
        if (_records <= MinRecordsBeforeCompaction)
        {
            return;
        }

        long live = offsets.Values.Sum(g => (long)g.Count);
        if (_records > 2 * live)
        {
            Compact(offsets);
        }
    }

    private void Compact(Dictionary<string, Dictionary<(string Topic, int Partition), CommittedOffset>> offsets)
    {
        _stream?.Dispose();
        _stream = null;
        using var buffer = new MemoryStream();
        _records = 0;
        foreach (var (group, partitions) in offsets)
        {
            foreach (var (key, offset) in partitions)
            {
                buffer.Write(Record("commit", group, key.Topic, key.Partition, offset));
                _records++;
            }
        }

        MetadataStore.AtomicWrite(_path, buffer.ToArray());
        _stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
    }

    private void Append(byte[] record)
    {
        ObjectDisposedException.ThrowIf(_stream is null, this);
        _stream.Write(record);
        _stream.Flush();
        _records++;
    }

    private static byte[] Record(string op, string group, string? topic, int partition, CommittedOffset? offset)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("op", op);
            json.WriteString("group", group);
            if (topic is not null)
            {
                json.WriteString("topic", topic);
                json.WriteNumber("partition", partition);
            }

            if (offset is { } o)
            {
                json.WriteNumber("offset", o.Offset);
                json.WriteNumber("leaderEpoch", o.LeaderEpoch);
                json.WriteString("metadata", o.Metadata);
                json.WriteNumber("timestamp", o.CommitTimestampMs);
            }

            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static bool TryApply(string line, Dictionary<string, Dictionary<(string Topic, int Partition), CommittedOffset>> offsets)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(line);
            JsonElement r = document.RootElement;
            string group = r.GetProperty("group").GetString()!;
            switch (r.GetProperty("op").GetString())
            {
                case "commit":
                    if (!offsets.TryGetValue(group, out var partitions))
                    {
                        partitions = [];
                        offsets[group] = partitions;
                    }

                    partitions[(r.GetProperty("topic").GetString()!, r.GetProperty("partition").GetInt32())] = new CommittedOffset(
                        r.GetProperty("offset").GetInt64(),
                        r.GetProperty("leaderEpoch").GetInt32(),
                        r.GetProperty("metadata").GetString(),
                        r.GetProperty("timestamp").GetInt64());
                    return true;
                case "delete":
                    if (offsets.TryGetValue(group, out var existing))
                    {
                        existing.Remove((r.GetProperty("topic").GetString()!, r.GetProperty("partition").GetInt32()));
                        if (existing.Count == 0)
                        {
                            offsets.Remove(group);
                        }
                    }

                    return true;
                case "deleteGroup":
                    offsets.Remove(group);
                    return true;
                default:
                    return false;
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
    }
}
