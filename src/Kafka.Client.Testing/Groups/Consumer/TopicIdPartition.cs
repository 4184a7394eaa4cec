using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.Groups.Consumer;

/// <summary>A partition as the consumer group protocol names it: by topic id, not topic name.</summary>
internal readonly record struct TopicIdPartition(KafkaUuid TopicId, int Partition);
