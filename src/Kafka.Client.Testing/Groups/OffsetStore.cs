using Kafka.Client.Testing.Storage;

namespace Kafka.Client.Testing.Groups;

/// <summary>
/// The committed offsets of every group (what Kafka keeps in <c>__consumer_offsets</c>), in memory and, with a
/// data directory, in an <see cref="OffsetLog"/> loaded at start. A leaf lock: it never takes another lock.
/// </summary>
internal sealed class OffsetStore : IDisposable
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, Dictionary<(string Topic, int Partition), CommittedOffset>> _offsets = new(StringComparer.Ordinal);
    private readonly OffsetLog? _log;

    public OffsetStore(string? dataDirectory)
    {
        if (dataDirectory is not null)
        {
            _log = new OffsetLog(dataDirectory);
            _log.Load(_offsets);
        }
    }

    /// <summary>The groups that have committed offsets.</summary>
    public List<string> Groups()
    {
        lock (_sync)
        {
            return [.. _offsets.Keys];
        }
    }

    public void Commit(string group, string topic, int partition, CommittedOffset offset)
    {
        lock (_sync)
        {
            if (!_offsets.TryGetValue(group, out var partitions))
            {
                partitions = [];
                _offsets[group] = partitions;
            }

            partitions[(topic, partition)] = offset;
            _log?.AppendCommit(group, topic, partition, offset);
            _log?.MaybeCompact(_offsets);
        }
    }

    public CommittedOffset? Get(string group, string topic, int partition)
    {
        lock (_sync)
        {
            return _offsets.TryGetValue(group, out var partitions) && partitions.TryGetValue((topic, partition), out CommittedOffset offset)
                ? offset
                : null;
        }
    }

    /// <summary>Every committed offset of a group, ordered by topic and partition.</summary>
    public List<(string Topic, int Partition, CommittedOffset Offset)> All(string group)
    {
        lock (_sync)
        {
            if (!_offsets.TryGetValue(group, out var partitions))
            {
                return [];
            }

            return [.. partitions
                .OrderBy(p => p.Key.Topic, StringComparer.Ordinal).ThenBy(p => p.Key.Partition)
                .Select(p => (p.Key.Topic, p.Key.Partition, p.Value))];
        }
    }

    public void Delete(string group, string topic, int partition)
    {
        lock (_sync)
        {
            DeleteLocked(group, topic, partition);
        }
    }

    private void DeleteLocked(string group, string topic, int partition)
    {
        if (_offsets.TryGetValue(group, out var partitions) && partitions.Remove((topic, partition)))
        {
            if (partitions.Count == 0)
            {
                _offsets.Remove(group);
            }

            _log?.AppendDelete(group, topic, partition);
            _log?.MaybeCompact(_offsets);
        }
    }

    public void DeleteGroup(string group)
    {
        lock (_sync)
        {
            if (_offsets.Remove(group))
            {
                _log?.AppendDeleteGroup(group);
                _log?.MaybeCompact(_offsets);
            }
        }
    }

    /// <summary>A deleted topic takes its committed offsets with it (Kafka's onPartitionsDeleted).</summary>
    public void DeleteTopic(string topic)
    {
        lock (_sync)
        {
            foreach (string group in _offsets.Keys.ToList())
            {
                foreach (var key in _offsets[group].Keys.Where(k => k.Topic == topic).ToList())
                {
                    DeleteLocked(group, key.Topic, key.Partition);
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _log?.Dispose();
        }
    }
}
