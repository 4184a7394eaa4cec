namespace Kafka.Client;

/// <summary>A consumer group as <see cref="KafkaAdminClient.ListConsumerGroupsAsync(IEnumerable{ConsumerGroupState}, IEnumerable{string}, CancellationToken)"/> lists it.</summary>
/// <param name="GroupId">The group id.</param>
/// <param name="IsSimpleConsumerGroup">True when the group only stores offsets (no member ever joined with a protocol type).</param>
/// <param name="State">Its state; <see cref="ConsumerGroupState.Unknown"/> from brokers older than Kafka 2.6.</param>
public sealed record ConsumerGroupListing(string GroupId, bool IsSimpleConsumerGroup, ConsumerGroupState State)
{
    /// <summary>The group's protocol: <c>classic</c> or <c>consumer</c> (KIP-848); <c>classic</c> from brokers before ListGroups v5.</summary>
    public string GroupType { get; init; } = "classic";
}
