namespace Kafka.Client;

/// <summary>The offset found in one partition.</summary>
/// <param name="TopicPartition">The partition.</param>
/// <param name="Offset">The offset; -1 when no message matches (a timestamp after the last message).</param>
/// <param name="Timestamp">The timestamp of that message for timestamp lookups; -1 otherwise.</param>
/// <param name="LeaderEpoch">The leader epoch of that offset, or null when the broker does not say.</param>
/// <param name="Error">Why the offset could not be looked up, or null.</param>
public sealed record ListOffsetsResult(TopicPartition TopicPartition, long Offset, long Timestamp, int? LeaderEpoch, KafkaException? Error)
    : AdminResult(Error);
