namespace Kafka.Client;

/// <summary>The outcome of an admin change to one partition (altering or deleting a group's offset).</summary>
/// <param name="TopicPartition">The partition.</param>
/// <param name="Error">Why the change was not made, or null.</param>
public sealed record TopicPartitionResult(TopicPartition TopicPartition, KafkaException? Error)
    : AdminResult(Error);
