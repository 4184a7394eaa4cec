namespace Kafka.Client;

/// <summary>The outcome of deleting the records of one partition before an offset.</summary>
/// <param name="TopicPartition">The partition.</param>
/// <param name="LowWatermark">The partition's first offset now (its new log start offset); -1 when it failed.</param>
/// <param name="Error">Why the records were not deleted, or null.</param>
public sealed record DeleteRecordsResult(TopicPartition TopicPartition, long LowWatermark, KafkaException? Error)
    : AdminResult(Error);
