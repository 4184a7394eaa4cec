namespace Kafka.Client.Testing;

/// <summary>A snapshot of one consumer group of an <see cref="EmbeddedKafkaCluster"/>, for assertions in tests.</summary>
/// <param name="GroupId">The group id.</param>
/// <param name="State">The state as Kafka names it: "Empty", "PreparingRebalance", "CompletingRebalance", "Stable" or "Dead".</param>
/// <param name="ProtocolType">The members' protocol type ("consumer" for consumers), or "" for a group that only has committed offsets.</param>
/// <param name="Protocol">The protocol (assignor) chosen for the current generation, or null between generations.</param>
/// <param name="GenerationId">The current generation; it grows by one with every completed join phase.</param>
/// <param name="LeaderId">The member id of the leader, or null when the group has no members.</param>
/// <param name="Members">The members, in the order they joined.</param>
public sealed record EmbeddedGroupInfo(
    string GroupId,
    string State,
    string ProtocolType,
    string? Protocol,
    int GenerationId,
    string? LeaderId,
    IReadOnlyList<EmbeddedGroupMember> Members);
