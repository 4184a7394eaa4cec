using Kafka.Client.Protocol;

namespace Kafka.Client;

/// <summary>A described topic: its id and partitions, or why it could not be described.</summary>
/// <param name="Name">The topic name.</param>
/// <param name="TopicId">The topic id; zero when it failed.</param>
/// <param name="IsInternal">True for Kafka's own topics, such as <c>__consumer_offsets</c>.</param>
/// <param name="Partitions">The partitions, by index; empty when it failed.</param>
/// <param name="Error">Why the topic could not be described (e.g. <see cref="ErrorCode.UnknownTopicOrPartition"/>), or null.</param>
public sealed record TopicDescription(string Name, KafkaUuid TopicId, bool IsInternal, IReadOnlyList<TopicPartitionInfo> Partitions, KafkaException? Error)
    : AdminResult(Error);
