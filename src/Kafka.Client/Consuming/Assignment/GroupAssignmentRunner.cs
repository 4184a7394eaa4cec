using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Consuming.Assignment;

/// <summary>
/// What the group leader does between JoinGroup and SyncGroup: decode the members' subscriptions, run the chosen
/// assignor, check what it returned and encode each member's assignment.
/// </summary>
internal static class GroupAssignmentRunner
{
    /// <summary>Decodes the metadata of every member of a JoinGroup response.</summary>
    /// <param name="members">The members the coordinator sent the leader.</param>
    /// <exception cref="KafkaException">A member's metadata is malformed (<see cref="ErrorCode.InconsistentGroupProtocol"/>).</exception>
    public static List<GroupMemberSubscription> DecodeSubscriptions(IReadOnlyList<JoinGroupResponse.JoinGroupResponseMember> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var subscriptions = new List<GroupMemberSubscription>(members.Count);
        foreach (JoinGroupResponse.JoinGroupResponseMember member in members)
        {
            subscriptions.Add(ConsumerProtocol.DecodeSubscription(member.MemberId, member.GroupInstanceId, member.Metadata.Span));
        }

        return subscriptions;
    }

    /// <summary>Every topic some member subscribes to, sorted: the topics whose partition counts the leader must look up.</summary>
    public static SortedSet<string> SubscribedTopics(IEnumerable<GroupMemberSubscription> subscriptions)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        var topics = new SortedSet<string>(StringComparer.Ordinal);
        foreach (GroupMemberSubscription subscription in subscriptions)
        {
            topics.UnionWith(subscription.Topics);
        }

        return topics;
    }

    /// <summary>Decodes the members' subscriptions, assigns, checks and encodes: member id to SyncGroup assignment bytes.</summary>
    /// <param name="members">The members of the JoinGroup response.</param>
    /// <param name="assignor">The assignor of the protocol the coordinator chose.</param>
    /// <param name="partitionCounts">The partition counts of the subscribed topics that exist.</param>
    /// <param name="assignmentVersion">The consumer protocol version of the assignments.</param>
    /// <exception cref="KafkaException">A subscription is malformed, or the assignor failed or broke a rule.</exception>
    public static Dictionary<string, byte[]> Run(
        IReadOnlyList<JoinGroupResponse.JoinGroupResponseMember> members,
        IPartitionAssignor assignor,
        IReadOnlyDictionary<string, int> partitionCounts,
        short assignmentVersion = ConsumerProtocol.AssignmentVersion)
    {
        IReadOnlyDictionary<string, MemberAssignment> assignments = Assign(DecodeSubscriptions(members), assignor, partitionCounts);
        var encoded = new Dictionary<string, byte[]>(assignments.Count, StringComparer.Ordinal);
        foreach ((string memberId, MemberAssignment assignment) in assignments)
        {
            encoded.Add(memberId, ConsumerProtocol.EncodeAssignment(assignment, assignmentVersion));
        }

        return encoded;
    }

    /// <summary>
    /// Runs <paramref name="assignor"/> and checks its result: every member has an assignment and no other ids do,
    /// no partition goes to two members, every partition exists and belongs to a topic its member subscribes to, and
    /// under <see cref="RebalanceProtocol.Cooperative"/> no member gets a partition that another member owns and
    /// loses in the same rebalance (Java's <c>ConsumerCoordinator.validateCooperativeAssignment</c>).
    /// </summary>
    /// <param name="subscriptions">The members' subscriptions.</param>
    /// <param name="assignor">The assignor.</param>
    /// <param name="partitionCounts">The partition counts of the subscribed topics that exist; other topics are ignored.</param>
    /// <exception cref="KafkaException">The assignor threw or broke one of the rules; the message says which.</exception>
    public static IReadOnlyDictionary<string, MemberAssignment> Assign(
        IReadOnlyList<GroupMemberSubscription> subscriptions,
        IPartitionAssignor assignor,
        IReadOnlyDictionary<string, int> partitionCounts)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        ArgumentNullException.ThrowIfNull(assignor);
        ArgumentNullException.ThrowIfNull(partitionCounts);

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string topic in SubscribedTopics(subscriptions))
        {
            if (partitionCounts.TryGetValue(topic, out int count) && count > 0)
            {
                counts.Add(topic, count);
            }
        }

        IReadOnlyDictionary<string, MemberAssignment>? assignments;
        try
        {
            assignments = assignor.Assign(new GroupAssignmentContext { Members = subscriptions, PartitionCounts = counts });
        }
        catch (Exception e) when (e is not KafkaException and not OutOfMemoryException)
        {
            throw new KafkaException($"Assignor '{assignor.Name}' failed: {e.Message}", e);
        }

        Validate(assignor, subscriptions, counts, assignments);
        return assignments!;
    }

    private static void Validate(
        IPartitionAssignor assignor,
        IReadOnlyList<GroupMemberSubscription> subscriptions,
        Dictionary<string, int> counts,
        IReadOnlyDictionary<string, MemberAssignment>? assignments)
    {
        if (assignments is null)
        {
            throw Broken(assignor, "returned no assignment");
        }

        var owners = new Dictionary<TopicPartition, string>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (GroupMemberSubscription member in subscriptions)
        {
            known.Add(member.MemberId);
            if (!assignments.TryGetValue(member.MemberId, out MemberAssignment? assignment) || assignment?.Partitions is null)
            {
                throw Broken(assignor, $"left out member {member.MemberId}");
            }

            var topics = new HashSet<string>(member.Topics, StringComparer.Ordinal);
            foreach (TopicPartition partition in assignment.Partitions)
            {
                if (!counts.TryGetValue(partition.Topic ?? "", out int count) || partition.Partition < 0 || partition.Partition >= count)
                {
                    throw Broken(assignor, $"assigned {partition}, which does not exist, to member {member.MemberId}");
                }

                if (!topics.Contains(partition.Topic!))
                {
                    throw Broken(assignor, $"assigned {partition} to member {member.MemberId}, which does not subscribe to {partition.Topic}");
                }

                if (!owners.TryAdd(partition, member.MemberId))
                {
                    throw Broken(assignor, $"assigned {partition} to both member {owners[partition]} and member {member.MemberId}");
                }
            }
        }

        foreach (string memberId in assignments.Keys)
        {
            if (!known.Contains(memberId))
            {
                throw Broken(assignor, $"assigned partitions to {memberId}, which is not a member of the group");
            }
        }

        if (assignor.Protocol == RebalanceProtocol.Cooperative)
        {
            ValidateCooperative(assignor, subscriptions, owners);
        }
    }

    private static void ValidateCooperative(
        IPartitionAssignor assignor, IReadOnlyList<GroupMemberSubscription> subscriptions, Dictionary<TopicPartition, string> owners)
    {
        var ownedBy = new Dictionary<string, HashSet<TopicPartition>>(StringComparer.Ordinal);
        foreach (GroupMemberSubscription member in subscriptions)
        {
            ownedBy[member.MemberId] = [.. member.OwnedPartitions];
        }

        foreach (GroupMemberSubscription member in subscriptions)
        {
            foreach (TopicPartition partition in member.OwnedPartitions)
            {
                // The owner loses it and someone who didn't own it gets it: it must be revoked first.
                if (owners.TryGetValue(partition, out string? newOwner)
                    && !string.Equals(newOwner, member.MemberId, StringComparison.Ordinal)
                    && !ownedBy[newOwner].Contains(partition))
                {
                    throw Broken(assignor, $"gave {partition} to member {newOwner} while member {member.MemberId} still owns it; " +
                        "with the cooperative protocol it must stay unassigned until its owner has revoked it");
                }
            }
        }
    }

    private static KafkaException Broken(IPartitionAssignor assignor, string problem) =>
        new($"Assignor '{assignor.Name}' {problem}.");
}
