using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Groups.Consumer;

namespace Kafka.Client.Testing.Groups;

/// <summary>ConsumerGroupDescribe, and consumer-protocol groups in ListGroups and in the public snapshots.</summary>
internal sealed partial class GroupCoordinator
{
    /// <summary>
    /// A consumer group's description (GroupMetadataManager.consumerGroupDescribe): epochs, assignor, each member's
    /// subscription, current and target assignment; GROUP_ID_NOT_FOUND for a classic or unknown group.
    /// </summary>
    public ConsumerGroupDescribeResponse.DescribedGroup DescribeConsumerGroup(string groupId, Func<KafkaUuid, string?> topicName)
    {
        var described = new ConsumerGroupDescribeResponse.DescribedGroup { GroupId = groupId, GroupState = "Dead", AssignorName = "" };
        ConsumerGroup? group = FindConsumerGroup(groupId);
        if (group is null)
        {
            described.ErrorCode = (short)ErrorCode.GroupIdNotFound;
            described.ErrorMessage = Find(groupId) is null ? $"Group {groupId} not found." : $"Group {groupId} is not a consumer group.";
            return described;
        }

        lock (group.Sync)
        {
            described.GroupState = group.StateName;
            described.GroupEpoch = group.GroupEpoch;
            described.AssignmentEpoch = group.AssignmentEpoch;
            described.AssignorName = group.AssignorName.Length > 0 ? group.AssignorName : group.PreferredAssignor(_options.ConsumerGroupAssignors[0]);
            foreach (ConsumerGroupMember member in group.Members)
            {
                described.Members.Add(new ConsumerGroupDescribeResponse.Member
                {
                    MemberId = member.MemberId,
                    InstanceId = member.InstanceId,
                    RackId = member.RackId,
                    MemberEpoch = member.MemberEpoch,
                    ClientId = member.ClientId,
                    ClientHost = member.ClientHost,
                    SubscribedTopicNames = [.. member.SubscribedTopicNames],
                    SubscribedTopicRegex = member.SubscribedTopicRegex,
                    Assignment = DescribedAssignment(member.Assigned, topicName),
                    TargetAssignment = DescribedAssignment(group.Target.GetValueOrDefault(member.MemberId) ?? [], topicName),
                });
            }
        }

        return described;
    }

    private static ConsumerGroupDescribeResponse.Assignment DescribedAssignment(IEnumerable<TopicIdPartition> partitions, Func<KafkaUuid, string?> topicName) => new()
    {
        TopicPartitions = [.. partitions.GroupBy(p => p.TopicId).Select(t => new ConsumerGroupDescribeResponse.TopicPartitions
        {
            TopicId = t.Key,
            TopicName = topicName(t.Key) ?? "",
            Partitions = [.. t.Select(p => p.Partition).Order()],
        }).OrderBy(t => t.TopicName, StringComparer.Ordinal)],
    };

    /// <summary>The consumer groups for ListGroups, as <see cref="List"/> filters them (type "consumer").</summary>
    private IEnumerable<ListGroupsResponse.ListedGroup> ListConsumerGroups(Func<string, bool> include, IReadOnlyCollection<string> states, IReadOnlyCollection<string> types)
    {
        if (types.Count > 0 && !types.Any(t => string.Equals(t.Trim(), "consumer", StringComparison.OrdinalIgnoreCase)))
        {
            yield break;
        }

        foreach (ConsumerGroup group in AllConsumerGroups().Where(g => include(g.GroupId)))
        {
            string state;
            lock (group.Sync)
            {
                state = group.StateName;
            }

            if (states.Count == 0 || states.Any(s => string.Equals(s.Trim(), state, StringComparison.OrdinalIgnoreCase)))
            {
                yield return new ListGroupsResponse.ListedGroup { GroupId = group.GroupId, ProtocolType = "consumer", GroupState = state, GroupType = "consumer" };
            }
        }
    }

    /// <summary>A public snapshot of a consumer-protocol group, or null when there is none with that id.</summary>
    public EmbeddedConsumerGroupInfo? ConsumerGroupSnapshot(string groupId, Func<KafkaUuid, string?> topicName)
    {
        ConsumerGroup? group = FindConsumerGroup(groupId);
        if (group is null)
        {
            return null;
        }

        lock (group.Sync)
        {
            return new EmbeddedConsumerGroupInfo(
                group.GroupId, group.StateName, group.GroupEpoch, group.AssignmentEpoch, group.AssignorName,
                [.. group.Members.Select(m => new EmbeddedConsumerGroupMember(
                    m.MemberId, m.InstanceId, m.ClientId, m.MemberEpoch, m.State.Name(),
                    ByTopicName(m.Assigned, topicName),
                    ByTopicName(m.PendingRevocation, topicName),
                    ByTopicName(group.Target.GetValueOrDefault(m.MemberId) ?? [], topicName)))]);
        }
    }

    private static Dictionary<string, IReadOnlyList<int>> ByTopicName(IEnumerable<TopicIdPartition> partitions, Func<KafkaUuid, string?> topicName) =>
        partitions.GroupBy(p => topicName(p.TopicId) ?? p.TopicId.ToString())
            .ToDictionary(t => t.Key, t => (IReadOnlyList<int>)[.. t.Select(p => p.Partition).Order()], StringComparer.Ordinal);
}
