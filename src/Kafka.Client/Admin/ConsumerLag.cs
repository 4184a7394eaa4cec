namespace Kafka.Client;

/// <summary>How far a consumer group is behind in one partition.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition index.</param>
/// <param name="CommittedOffset">The group's committed offset, or null when it committed none.</param>
/// <param name="LogEndOffset">The partition's end offset (the next offset to be written), or null when it could not be read.</param>
/// <param name="Lag">
/// <paramref name="LogEndOffset"/> minus <paramref name="CommittedOffset"/> (as <c>kafka-consumer-groups.sh</c>
/// computes it); null when either is unknown. A partition without a committed offset has no lag here, because
/// where its consumer would start depends on its <c>auto.offset.reset</c>.
/// </param>
/// <param name="Error">Why the committed or end offset could not be read, or null.</param>
public sealed record ConsumerLag(string Topic, int Partition, long? CommittedOffset, long? LogEndOffset, long? Lag, KafkaException? Error)
    : AdminResult(Error)
{
    /// <summary>The topic and partition.</summary>
    public TopicPartition TopicPartition => new(Topic, Partition);

    /// <summary>The leader epoch committed with the offset, or null when none was (<c>kafka-consumer-groups.sh --describe --verbose</c>'s LEADER-EPOCH).</summary>
    public int? CommittedLeaderEpoch { get; init; }
}
