namespace Kafka.Client.Testing;

/// <summary>A snapshot of one consumer-protocol group (KIP-848) of an <see cref="EmbeddedKafkaCluster"/>, for assertions in tests.</summary>
/// <param name="GroupId">The group id.</param>
/// <param name="State">The state as Kafka names it: "Empty", "Assigning", "Reconciling" or "Stable".</param>
/// <param name="GroupEpoch">The group epoch: it grows when members join or leave or subscriptions or subscribed topics change.</param>
/// <param name="AssignmentEpoch">The group epoch the target assignment was computed for.</param>
/// <param name="AssignorName">The server-side assignor of the last target assignment ("uniform" or "range"), or "" before the first.</param>
/// <param name="Members">The members, in the order they joined.</param>
public sealed record EmbeddedConsumerGroupInfo(
    string GroupId,
    string State,
    int GroupEpoch,
    int AssignmentEpoch,
    string AssignorName,
    IReadOnlyList<EmbeddedConsumerGroupMember> Members);
