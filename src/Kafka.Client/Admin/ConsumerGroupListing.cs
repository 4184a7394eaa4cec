namespace Kafka.Client;

/// <summary>A consumer group as <see cref="KafkaAdminClient.ListConsumerGroupsAsync"/> lists it.</summary>
/// <param name="GroupId">The group id.</param>
/// <param name="IsSimpleConsumerGroup">True when the group only stores offsets (no member ever joined with a protocol type).</param>
/// <param name="State">Its state; <see cref="ConsumerGroupState.Unknown"/> from brokers older than Kafka 2.6.</param>
public sealed record ConsumerGroupListing(string GroupId, bool IsSimpleConsumerGroup, ConsumerGroupState State);
