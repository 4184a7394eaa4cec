namespace Kafka.Client;

/// <summary>A described consumer group, or why it could not be described.</summary>
/// <param name="GroupId">The group id.</param>
/// <param name="IsSimpleConsumerGroup">True when the group only stores offsets (no protocol type).</param>
/// <param name="State">Its state; <see cref="ConsumerGroupState.Dead"/> for a group that does not exist.</param>
/// <param name="ProtocolType">The protocol type its members use (<c>consumer</c>), or empty.</param>
/// <param name="PartitionAssignor">The assignor the group chose (e.g. <c>range</c>), known while it is Stable.</param>
/// <param name="Members">The members with their assignments.</param>
/// <param name="Coordinator">The broker coordinating the group, or null when it failed.</param>
/// <param name="Error">Why the group could not be described, or null.</param>
public sealed record ConsumerGroupDescription(
    string GroupId,
    bool IsSimpleConsumerGroup,
    ConsumerGroupState State,
    string ProtocolType,
    string PartitionAssignor,
    IReadOnlyList<MemberDescription> Members,
    Node? Coordinator,
    KafkaException? Error)
    : AdminResult(Error)
{
    /// <summary>The group's protocol: <c>classic</c> (JoinGroup/SyncGroup) or <c>consumer</c> (KIP-848, described with ConsumerGroupDescribe).</summary>
    public string GroupType { get; init; } = "classic";

    /// <summary>Of a consumer-protocol group: the group epoch (bumped by each change of members or subscriptions); null for a classic group.</summary>
    public int? GroupEpoch { get; init; }

    /// <summary>Of a consumer-protocol group: the epoch of its target assignment; null for a classic group.</summary>
    public int? TargetAssignmentEpoch { get; init; }
}
