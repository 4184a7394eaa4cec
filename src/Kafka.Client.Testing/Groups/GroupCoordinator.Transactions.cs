using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.Groups;

/// <summary>
/// Offsets committed inside a transaction (TxnOffsetCommit): held per group and producer until the transaction ends,
/// then committed (commit marker) or dropped (abort), as Kafka's <c>GroupMetadata.pendingTransactionalOffsetCommits</c>.
/// </summary>
internal sealed partial class GroupCoordinator
{
    private readonly Lock _pendingSync = new();
    private readonly Dictionary<(string Group, long ProducerId), Dictionary<(string Topic, int Partition), CommittedOffset>> _pending = [];

    /// <summary>
    /// Holds offsets of a transaction. A member that gives its generation (KIP-447) must be the group's current one:
    /// a zombie of an older generation gets ILLEGAL_GENERATION, an unknown member UNKNOWN_MEMBER_ID.
    /// </summary>
    public ErrorCode[] CommitTransactionalOffsets(string groupId, long producerId, string memberId, string? groupInstanceId, int generationId, IReadOnlyList<PartitionCommit> commits)
    {
        if (FindConsumerGroup(groupId) is { } consumerGroup)
        {
            lock (consumerGroup.Sync)
            {
                ErrorCode error = ValidateConsumerCommit(consumerGroup, memberId, groupInstanceId, generationId, version: null);
                if (error != ErrorCode.None)
                {
                    return Fill(commits.Count, error);
                }
            }
        }
        else if (generationId >= 0 && Find(groupId) is { } group)
        {
            lock (group.Sync)
            {
                ErrorCode error = group.ValidateMember(memberId, groupInstanceId);
                error = error != ErrorCode.None ? error : generationId != group.GenerationId ? ErrorCode.IllegalGeneration : ErrorCode.None;
                if (error != ErrorCode.None)
                {
                    return Fill(commits.Count, error);
                }
            }
        }

        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var results = new ErrorCode[commits.Count];
        lock (_pendingSync)
        {
            if (!_pending.TryGetValue((groupId, producerId), out var offsets))
            {
                offsets = [];
                _pending[(groupId, producerId)] = offsets;
            }

            for (int i = 0; i < commits.Count; i++)
            {
                PartitionCommit c = commits[i];
                if (c.Metadata is { Length: > OffsetMetadataMaxSize })
                {
                    results[i] = ErrorCode.OffsetMetadataTooLarge;
                    continue;
                }

                offsets[(c.Topic, c.Partition)] = new CommittedOffset(c.Offset, c.LeaderEpoch, c.Metadata, now);
            }
        }

        return results;
    }

    /// <summary>The transaction of <paramref name="producerId"/> ended: its offsets for the group are committed or dropped.</summary>
    public void CompleteTransaction(string groupId, long producerId, bool commit)
    {
        Dictionary<(string Topic, int Partition), CommittedOffset>? offsets;
        lock (_pendingSync)
        {
            _pending.Remove((groupId, producerId), out offsets);
        }

        if (commit && offsets is not null)
        {
            if (!Exists(groupId))
            {
                GetOrCreate(groupId);
            }

            foreach (var ((topic, partition), offset) in offsets)
            {
                Offsets.Commit(groupId, topic, partition, offset);
            }
        }
    }

    /// <summary>The offsets the open transaction of <paramref name="producerId"/> holds for the group (for the data directory).</summary>
    public List<KeyValuePair<(string Topic, int Partition), CommittedOffset>> PendingOffsets(string groupId, long producerId)
    {
        lock (_pendingSync)
        {
            return _pending.TryGetValue((groupId, producerId), out var offsets) ? [.. offsets] : [];
        }
    }

    /// <summary>Puts back an offset an open transaction held before a restart.</summary>
    public void RestorePendingOffset(string groupId, long producerId, string topic, int partition, CommittedOffset offset)
    {
        lock (_pendingSync)
        {
            if (!_pending.TryGetValue((groupId, producerId), out var offsets))
            {
                offsets = [];
                _pending[(groupId, producerId)] = offsets;
            }

            offsets[(topic, partition)] = offset;
        }
    }

    /// <summary>True while an open transaction holds an offset of the partition for the group (OffsetFetch's UNSTABLE_OFFSET_COMMIT).</summary>
    public bool HasPendingTransactionalOffset(string groupId, string topic, int partition)
    {
        lock (_pendingSync)
        {
            return _pending.Any(p => p.Key.Group == groupId && p.Value.ContainsKey((topic, partition)));
        }
    }
}
