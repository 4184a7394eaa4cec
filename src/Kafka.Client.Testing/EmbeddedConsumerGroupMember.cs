namespace Kafka.Client.Testing;

/// <summary>One member of a consumer-protocol group in an <see cref="EmbeddedConsumerGroupInfo"/> snapshot.</summary>
/// <param name="MemberId">The member id (the client's own from ConsumerGroupHeartbeat v1, KIP-1082).</param>
/// <param name="InstanceId">The static membership id (<c>group.instance.id</c>), or null for a dynamic member.</param>
/// <param name="ClientId">The client id of the member's last heartbeat.</param>
/// <param name="MemberEpoch">The member's epoch; -2 for a static member that left for a while.</param>
/// <param name="State">"STABLE", "UNREVOKED_PARTITIONS" (it must revoke first) or "UNRELEASED_PARTITIONS" (it waits for partitions others hold).</param>
/// <param name="Assigned">The partitions the member is given now, by topic name.</param>
/// <param name="PendingRevocation">The partitions the member must still revoke, by topic name.</param>
/// <param name="Target">The member's target assignment, by topic name.</param>
public sealed record EmbeddedConsumerGroupMember(
    string MemberId,
    string? InstanceId,
    string ClientId,
    int MemberEpoch,
    string State,
    IReadOnlyDictionary<string, IReadOnlyList<int>> Assigned,
    IReadOnlyDictionary<string, IReadOnlyList<int>> PendingRevocation,
    IReadOnlyDictionary<string, IReadOnlyList<int>> Target);
