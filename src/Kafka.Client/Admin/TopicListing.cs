using Kafka.Client.Protocol;

namespace Kafka.Client;

/// <summary>A topic as <see cref="KafkaAdminClient.ListTopicsAsync"/> lists it.</summary>
/// <param name="Name">The topic name.</param>
/// <param name="TopicId">The topic id (zero from brokers older than Kafka 2.8).</param>
/// <param name="IsInternal">True for Kafka's own topics, such as <c>__consumer_offsets</c>.</param>
public sealed record TopicListing(string Name, KafkaUuid TopicId, bool IsInternal);
