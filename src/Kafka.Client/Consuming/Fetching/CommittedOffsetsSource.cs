namespace Kafka.Client.Consuming;

/// <summary>Looks up a group's committed offsets for partitions.</summary>
internal delegate Task<IReadOnlyDictionary<TopicPartition, OffsetAndMetadata>> CommittedOffsetsSource(IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken);
