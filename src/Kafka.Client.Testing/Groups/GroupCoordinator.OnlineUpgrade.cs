using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Groups.Consumer;

namespace Kafka.Client.Testing.Groups;

/// <summary>
/// Kafka 4's online upgrade of a classic group with members (KIP-848): the first ConsumerGroupHeartbeat for a classic
/// group of protocol type "consumer" turns it into a consumer group. Each classic member becomes a member served with
/// the classic protocol, Stable at the group's generation, with its last assignment as both its current and its target
/// assignment; the joining member then bumps the group epoch, so the classic members are told to rejoin on their next
/// heartbeat and reconcile from there. Follows <c>GroupMetadataManager.validateOnlineUpgrade</c> and
/// <c>convertToConsumerGroup</c>, and <c>ConsumerGroup.fromClassicGroup</c> (apache/kafka, group-coordinator); the
/// migration policy is Kafka 4.0's default, <c>group.consumer.migration.policy=bidirectional</c>.
/// </summary>
internal sealed partial class GroupCoordinator
{
    /// <summary>
    /// Converts <paramref name="classic"/> into a consumer group and puts it in the table in its place. The caller holds
    /// the classic group's lock; this takes the table's.
    /// </summary>
    /// <exception cref="GroupRequestException">GROUP_ID_NOT_FOUND: the group cannot be upgraded, with Kafka's reason.</exception>
    private ConsumerGroup UpgradeClassicGroup(ClassicGroup classic)
    {
        string groupId = classic.GroupId;
        if (classic.ProtocolType != "consumer")
        {
            LogConsumer(groupId, "cannot upgrade the classic group to a consumer group: it does not use the consumer embedded protocol");
            throw new GroupRequestException(ErrorCode.GroupIdNotFound, $"Group {groupId} is not a consumer group");
        }

        if (classic.MemberCount > _options.ConsumerGroupMaxSize)
        {
            LogConsumer(groupId, "cannot upgrade the classic group to a consumer group: it has more members than a consumer group may");
            throw new GroupRequestException(ErrorCode.GroupIdNotFound, $"Group {groupId} is not a consumer group");
        }

        Dictionary<string, TopicInfo> byName = Topics().ToDictionary(t => t.Name, StringComparer.Ordinal);
        List<ConsumerGroupMember> members = [.. classic.Members.Select(m => ConvertMember(classic, m, byName))];

        // Classic members waiting in a rebalance are asked to rejoin, which the consumer group then serves.
        foreach (GroupMember waiting in classic.Members)
        {
            classic.CompleteJoin(waiting, JoinError(waiting.MemberId, ErrorCode.RebalanceInProgress));
            classic.CompleteSync(waiting, SyncError(ErrorCode.RebalanceInProgress));
        }

        // The new group is filled in before it is in the table, so no request sees it half made.
        ConsumerGroup group = NewConsumerGroup(groupId);
        lock (group.Sync)
        {
            group.GroupEpoch = classic.GenerationId;
            group.AssignmentEpoch = classic.GenerationId;
            foreach (ConsumerGroupMember member in members)
            {
                group.Target[member.MemberId] = [.. member.Assigned];
                group.Add(member);
                RescheduleClassicSession(group, member);
            }
        }

        classic.TransitionTo(GroupState.Dead);
        classic.Timers.CancelAll();
        lock (_sync)
        {
            _groups.Remove(groupId);
            _consumerGroups.Add(groupId, group);
        }

        LogConsumer(groupId, $"classic group of generation {classic.GenerationId} with {members.Count} member(s) upgraded to a consumer group");
        return group;
    }

    /// <summary>A classic member as a consumer-group member served with the classic protocol (ConsumerGroup.fromClassicGroup).</summary>
    private static ConsumerGroupMember ConvertMember(ClassicGroup classic, GroupMember member, IReadOnlyDictionary<string, TopicInfo> byName)
    {
        // Before the first rebalance ends no protocol is chosen; the member's own first choice stands in.
        string protocol = classic.ProtocolName ?? member.Protocols[0].Name;
        ConsumerProtocolSubscription subscription = ConsumerProtocolBytes.Read<ConsumerProtocolSubscription>(member.Metadata(protocol))
            ?? throw Malformed(classic.GroupId);

        // Empty bytes: the member was given nothing yet (it joined in the rebalance under way).
        ConsumerProtocolAssignment assignment = member.Assignment.Length == 0 ? new ConsumerProtocolAssignment()
            : ConsumerProtocolBytes.Read<ConsumerProtocolAssignment>(member.Assignment) ?? throw Malformed(classic.GroupId);
        HashSet<TopicIdPartition> assigned = ConsumerProtocolBytes.ToTopicIds(assignment.AssignedPartitions.Select(t => (t.Topic, t.Partitions)), byName);
        return new ConsumerGroupMember(member.MemberId)
        {
            MemberEpoch = classic.GenerationId,
            PreviousMemberEpoch = classic.GenerationId,
            State = MemberState.Stable,
            InstanceId = member.GroupInstanceId,
            RackId = subscription.RackId,
            RebalanceTimeoutMs = member.RebalanceTimeoutMs,
            ClientId = member.ClientId,
            ClientHost = member.ClientHost,
            SubscribedTopicNames = [.. subscription.Topics.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Assigned = assigned,
            Classic = new ClassicMembership(member.SessionTimeoutMs, protocol),
        };
    }

    private static GroupRequestException Malformed(string groupId) => new(
        ErrorCode.GroupIdNotFound,
        $"Cannot upgrade the classic group {groupId} to consumer group because the embedded consumer protocol is malformed.");
}
