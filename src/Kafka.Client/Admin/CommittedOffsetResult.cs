namespace Kafka.Client;

/// <summary>The offset a group committed for one partition.</summary>
/// <param name="TopicPartition">The partition.</param>
/// <param name="Offset">The committed offset (the next message to consume), or null when the group committed none.</param>
/// <param name="LeaderEpoch">The leader epoch committed with it, or null.</param>
/// <param name="Metadata">The metadata string committed with it, or null.</param>
/// <param name="Error">Why the offset could not be read, or null.</param>
public sealed record CommittedOffsetResult(TopicPartition TopicPartition, long? Offset, int? LeaderEpoch, string? Metadata, KafkaException? Error)
    : AdminResult(Error);
