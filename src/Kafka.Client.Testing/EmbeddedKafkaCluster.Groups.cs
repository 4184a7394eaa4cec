namespace Kafka.Client.Testing;

/// <summary>Consumer groups: what a test can ask the group coordinator directly, without a client.</summary>
public sealed partial class EmbeddedKafkaCluster
{
    /// <summary>A snapshot of a consumer group: state, generation, protocol, leader, members and their assignments.</summary>
    /// <param name="groupId">The group id.</param>
    /// <returns>The snapshot, or null when the cluster knows no such group.</returns>
    public EmbeddedGroupInfo? DescribeGroup(string groupId)
    {
        ArgumentNullException.ThrowIfNull(groupId);
        return _state.Groups.Snapshot(groupId);
    }

    /// <summary>
    /// A snapshot of a consumer-protocol group (KIP-848, <c>group.protocol=consumer</c>): epochs, assignor, and each
    /// member's epoch, state, current assignment, partitions still to revoke and target assignment.
    /// </summary>
    /// <param name="groupId">The group id.</param>
    /// <returns>The snapshot, or null when the cluster has no consumer-protocol group with that id (a classic one is <see cref="DescribeGroup"/>'s).</returns>
    public EmbeddedConsumerGroupInfo? DescribeConsumerGroup(string groupId)
    {
        ArgumentNullException.ThrowIfNull(groupId);
        return _state.Groups.ConsumerGroupSnapshot(groupId, id => _state.FindTopic(id)?.Name);
    }

    /// <summary>The ids of every consumer group (including groups that only have committed offsets), in order.</summary>
    public IReadOnlyList<string> ListGroups() => _state.Groups.GroupIds();

    /// <summary>The offset a group committed for a partition.</summary>
    /// <param name="groupId">The group id.</param>
    /// <param name="topic">The topic.</param>
    /// <param name="partition">The partition index.</param>
    /// <returns>The committed offset, or null when the group committed none for the partition.</returns>
    public long? CommittedOffset(string groupId, string topic, int partition)
    {
        ArgumentNullException.ThrowIfNull(groupId);
        ArgumentNullException.ThrowIfNull(topic);
        return _state.Groups.Offsets.Get(groupId, topic, partition)?.Offset;
    }
}
