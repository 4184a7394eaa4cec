using Kafka.Client.Protocol;

namespace Kafka.Client.Consuming;

/// <summary>
/// Finds positions for partitions that have none: the group's committed offset, else <c>auto.offset.reset</c>
/// (earliest or latest through ListOffsets; <c>none</c> makes the partition fail with an error for the application).
/// </summary>
internal sealed class PositionResolver(SubscriptionState subscriptions, OffsetLookup lookup, CommittedOffsetsSource? committed, AutoOffsetReset policy)
{
    public async Task ResolveAsync(PartitionState[] partitions, CancellationToken cancellationToken)
    {
        bool changed = false;
        List<(PartitionState State, int Version)> needCommitted = Pending(partitions, PositionState.NeedsCommitted);
        if (needCommitted.Count > 0)
        {
            IReadOnlyDictionary<TopicPartition, OffsetAndMetadata>? found;
            try
            {
                found = committed is null
                    ? null
                    : await committed([.. needCommitted.Select(p => p.State.TopicPartition)], cancellationToken).ConfigureAwait(false);
            }
            catch (KafkaException e) when (!e.IsRetriable)
            {
                Fail(needCommitted, PositionState.NeedsCommitted, e);
                return;
            }

            lock (subscriptions.Sync)
            {
                foreach (var (state, version) in needCommitted)
                {
                    if (state.Version != version || state.State != PositionState.NeedsCommitted)
                    {
                        continue;
                    }

                    if (found is not null && found.TryGetValue(state.TopicPartition, out OffsetAndMetadata offset) && offset.Offset >= 0)
                    {
                        state.SetPosition(offset.Offset);
                        state.LastConsumedEpoch = offset.LeaderEpoch ?? -1;
                    }
                    else
                    {
                        state.State = PositionState.NeedsReset;
                        state.ResetTo = null;
                    }
                }
            }

            changed = true;
        }

        List<(PartitionState State, int Version)> needReset = Pending(partitions, PositionState.NeedsReset);
        var timestamps = new Dictionary<TopicPartition, long>();
        lock (subscriptions.Sync)
        {
            foreach (var (state, _) in needReset)
            {
                long? target = state.ResetTo ?? policy switch
                {
                    AutoOffsetReset.Earliest => OffsetLookup.Earliest,
                    AutoOffsetReset.Latest => OffsetLookup.Latest,
                    _ => null,
                };
                if (target is { } timestamp)
                {
                    timestamps[state.TopicPartition] = timestamp == Offset.Beginning ? OffsetLookup.Earliest : OffsetLookup.Latest;
                    continue;
                }

                state.State = PositionState.Failed;
                state.Error = new KafkaException(ErrorCode.OffsetOutOfRange,
                    $"{state.TopicPartition} has no committed offset (or it is out of range) and auto.offset.reset is none; seek to a position to consume it.",
                    state.TopicPartition);
                changed = true;
            }
        }

        if (timestamps.Count > 0)
        {
            Dictionary<TopicPartition, (long Offset, long Timestamp)> offsets;
            try
            {
                offsets = await lookup.ListAsync(timestamps, cancellationToken).ConfigureAwait(false);
            }
            catch (KafkaException e) when (!e.IsRetriable)
            {
                Fail([.. needReset.Where(p => timestamps.ContainsKey(p.State.TopicPartition))], PositionState.NeedsReset, e);
                return;
            }

            lock (subscriptions.Sync)
            {
                foreach (var (state, version) in needReset)
                {
                    if (state.Version == version && state.State == PositionState.NeedsReset && offsets.TryGetValue(state.TopicPartition, out var found))
                    {
                        state.SetPosition(found.Offset);
                    }
                }
            }

            changed = true;
        }

        if (changed)
        {
            subscriptions.Publish();
        }
    }

    /// <summary>
    /// As the Java client's poll(): a lookup error retrying cannot fix (no authorization for the group or topic) is
    /// raised to the application for the partitions of that lookup, until it seeks them, rather than retried forever.
    /// Partitions sought meanwhile are left alone.
    /// </summary>
    private void Fail(List<(PartitionState State, int Version)> looked, PositionState still, KafkaException error)
    {
        lock (subscriptions.Sync)
        {
            foreach (var (state, version) in looked)
            {
                if (state.Version == version && state.State == still)
                {
                    state.State = PositionState.Failed;
                    state.Error = new KafkaException(error.Error, $"Cannot find a position for {state.TopicPartition}: {error.Message}", state.TopicPartition, error);
                }
            }

            subscriptions.Publish();
        }
    }

    private List<(PartitionState, int)> Pending(PartitionState[] partitions, PositionState wanted)
    {
        var pending = new List<(PartitionState, int)>();
        lock (subscriptions.Sync)
        {
            foreach (PartitionState state in partitions)
            {
                if (state.Assigned && state.State == wanted)
                {
                    pending.Add((state, state.Version));
                }
            }
        }

        return pending;
    }
}

