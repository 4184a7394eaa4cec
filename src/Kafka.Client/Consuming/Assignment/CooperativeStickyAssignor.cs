using Kafka.Client.Consuming.Assignment;
namespace Kafka.Client;

/// <summary>
/// The <c>cooperative-sticky</c> assignor (Java's <c>org.apache.kafka.clients.consumer.CooperativeStickyAssignor</c>,
/// KIP-429): the <c>sticky</c> assignment with incremental cooperative rebalancing. Members keep consuming the
/// partitions they keep; a partition that moves is left out of its new owner's assignment while its current owner
/// still has it, and is assigned in the rebalance that follows its revocation.
/// </summary>
/// <remarks>
/// Claims come from the subscription's owned partitions and generation (subscription v2 and later); older
/// subscriptions carry the generation in the user data, four bytes as Java writes them. When two members claim a
/// partition, the one with the higher generation keeps it; a tie at the highest generation means neither does.
/// Rack-aware assignment (KIP-881) is not done: the assignor sees partition counts, not replica racks.
/// </remarks>
public sealed class CooperativeStickyAssignor : IPartitionAssignor
{
    /// <summary>The protocol name, <c>cooperative-sticky</c>.</summary>
    public string Name => "cooperative-sticky";

    /// <summary>Always <see cref="RebalanceProtocol.Cooperative"/>.</summary>
    public RebalanceProtocol Protocol => RebalanceProtocol.Cooperative;

    /// <summary>The generation as four big-endian bytes, for leaders that read subscriptions older than v2.</summary>
    /// <param name="topics">The subscribed topics (not used).</param>
    /// <param name="ownedPartitions">The partitions the member owns (not used: they travel in the subscription).</param>
    /// <param name="generationId">The generation in which the member owns them, or -1.</param>
    public ReadOnlyMemory<byte> GetSubscriptionUserData(
        IReadOnlyCollection<string> topics, IReadOnlyCollection<TopicPartition> ownedPartitions, int generationId) =>
        StickyUserData.EncodeCooperative(generationId);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, MemberAssignment> Assign(GroupAssignmentContext context)
    {
        var input = new AssignmentInput(context);
        Dictionary<string, List<TopicPartition>> assignment =
            StickyAssignment.Assign(input, ReadClaim, out Dictionary<TopicPartition, string>? transferring);

        // Java's CooperativeStickyAssignor.adjustAssignment: hold back every partition that changes owner.
        foreach ((TopicPartition partition, string memberId) in transferring ?? PartitionsChangingOwner(input, assignment))
        {
            assignment[memberId].Remove(partition);
        }

        return AssignmentInput.ToResult(assignment);
    }

    private static StickyMemberData ReadClaim(GroupMemberSubscription member)
    {
        int generation = member.GenerationId >= 0 ? member.GenerationId : StickyUserData.DecodeCooperative(member.UserData.Span);
        return new StickyMemberData(member.OwnedPartitions, generation);
    }

    /// <summary>
    /// Partitions some member gets without owning them while another member owns them and loses them (Java's
    /// <c>computePartitionsTransferringOwnership</c>).
    /// </summary>
    private static Dictionary<TopicPartition, string> PartitionsChangingOwner(
        AssignmentInput input, Dictionary<string, List<TopicPartition>> assignment)
    {
        var added = new Dictionary<TopicPartition, string>();
        var revoked = new HashSet<TopicPartition>();
        foreach (GroupMemberSubscription member in input.Members)
        {
            var owned = new HashSet<TopicPartition>(member.OwnedPartitions);
            var assigned = new HashSet<TopicPartition>(assignment[member.MemberId]);
            foreach (TopicPartition partition in assigned)
            {
                if (!owned.Contains(partition))
                {
                    added[partition] = member.MemberId;
                }
            }

            owned.ExceptWith(assigned);
            revoked.UnionWith(owned);
        }

        var transferring = new Dictionary<TopicPartition, string>();
        foreach ((TopicPartition partition, string memberId) in added)
        {
            if (revoked.Contains(partition))
            {
                transferring.Add(partition, memberId);
            }
        }

        return transferring;
    }
}
