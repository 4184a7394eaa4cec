namespace Kafka.Client;

/// <summary>
/// Decides which member of a consumer group consumes which partition. The member the coordinator elects leader
/// runs the assignor that every member offered; the built-in ones are <c>range</c>, <c>roundrobin</c>, <c>sticky</c>
/// and <c>cooperative-sticky</c>, with the Java client's behaviour. Implement this for a custom strategy and
/// pass it in <see cref="ConsumerOptions"/>.
/// </summary>
public interface IPartitionAssignor
{
    /// <summary>The protocol name the assignor registers in the group (<c>range</c>, <c>cooperative-sticky</c>...); every member must use the same name for the same strategy.</summary>
    string Name { get; }

    /// <summary>Whether members keep unmoved partitions during a rebalance (<see cref="RebalanceProtocol.Cooperative"/>) or give up all first.</summary>
    RebalanceProtocol Protocol { get; }

    /// <summary>Bytes this member attaches to its subscription for the leader's assignor; empty for none.</summary>
    /// <param name="topics">The topics the member subscribes to.</param>
    /// <param name="ownedPartitions">The partitions the member owns now.</param>
    /// <param name="generationId">The generation in which it owns them, or -1.</param>
    ReadOnlyMemory<byte> GetSubscriptionUserData(IReadOnlyCollection<string> topics, IReadOnlyCollection<TopicPartition> ownedPartitions, int generationId) => default;

    /// <summary>
    /// Assigns the partitions of the subscribed topics to the members. Every member of <paramref name="context"/>
    /// must appear in the result (with an empty list if it gets nothing). With <see cref="RebalanceProtocol.Cooperative"/>,
    /// a partition owned by one member may not be given to another in the same rebalance: leave it unassigned and
    /// the group rebalances again once its owner has revoked it.
    /// </summary>
    /// <param name="context">The members and the partition counts of their topics.</param>
    /// <returns>The assignment of every member, keyed by member id.</returns>
    IReadOnlyDictionary<string, MemberAssignment> Assign(GroupAssignmentContext context);

    /// <summary>Called on every member (leader or not) when it receives its assignment.</summary>
    /// <param name="assignment">The member's assignment.</param>
    /// <param name="generationId">The generation the assignment belongs to.</param>
    void OnAssignment(MemberAssignment assignment, int generationId)
    {
    }
}
