using Kafka.Client.Protocol;

namespace Kafka.Client.Consuming;

/// <summary>One partition in a Fetch request: what was asked, so the answer can be checked against the partition's state now.</summary>
internal sealed record FetchTarget(PartitionState State, int Version, long FetchOffset, KafkaUuid TopicId, int LeaderEpoch);
