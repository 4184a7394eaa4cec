namespace Kafka.Client.Consuming;

/// <summary>
/// The consumer's state of one assigned partition. Fields change under the <see cref="SubscriptionState"/> lock,
/// except <see cref="ConsumedPosition"/> and <see cref="LastConsumedEpoch"/>, which only the consume loop writes.
/// </summary>
internal sealed class PartitionState(TopicPartition topicPartition)
{
    public TopicPartition TopicPartition { get; } = topicPartition;

    public PositionState State { get; set; } = PositionState.NeedsCommitted;

    /// <summary>For <see cref="PositionState.NeedsReset"/>: <see cref="Offset.Beginning"/> or <see cref="Offset.End"/>; or null for the configured policy.</summary>
    public long? ResetTo { get; set; }

    /// <summary>The next offset to fetch.</summary>
    public long FetchPosition { get; set; } = -1;

    /// <summary>The next offset to hand to the application: what a commit stores.</summary>
    public long ConsumedPosition;

    /// <summary>
    /// True once the application consumed while this partition had a valid position: it asked for records (a consume
    /// call that found none ready) or was handed records of it. Automatic commits (the interval, a revocation, closing)
    /// store only such positions, as Java commits only positions a poll() established (librdkafka only offsets of
    /// delivered messages): a position the background lookup set before the application ever consumed is not its
    /// progress, and committing it could overwrite an offset it committed explicitly.
    /// </summary>
    public volatile bool Polled;

    /// <summary>The last offset committed from this consumer (to skip commits that would change nothing).</summary>
    public long CommittedPosition { get; set; } = -1;

    /// <summary>The leader epoch of the last record handed out, or -1.</summary>
    public int LastConsumedEpoch = -1;

    /// <summary>Changes on every seek or reset, so fetches sent before it are dropped.</summary>
    public int Version { get; set; }

    public bool Paused { get; set; }

    /// <summary>False once the partition is no longer assigned.</summary>
    public bool Assigned { get; set; } = true;

    public KafkaException? Error { get; set; }

    /// <summary>After a leader error, the partition is not fetched again before this <see cref="Environment.TickCount64"/>.</summary>
    public long RetryAt { get; set; }

    public long HighWatermark { get; set; } = Offset.Unset;

    public long LastStableOffset { get; set; } = Offset.Unset;

    public long LogStartOffset { get; set; } = Offset.Unset;

    public bool IsFetchable => Assigned && !Paused && State == PositionState.Valid;

    /// <summary>Sets a known position (a seek, a committed offset, a reset).</summary>
    public void SetPosition(long offset)
    {
        FetchPosition = offset;
        ConsumedPosition = offset;
        State = PositionState.Valid;
        ResetTo = null;
        Error = null;
        Version++;
    }
}
