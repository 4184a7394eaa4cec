using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Admin;

/// <summary>Turns a DescribeGroups answer into a <see cref="ConsumerGroupDescription"/>.</summary>
internal static class ConsumerGroupDescriptions
{
    /// <summary>The protocol type of groups that consumers form.</summary>
    public const string ConsumerProtocolType = "consumer";

    /// <summary>True for groups of consumers: those with the consumer protocol type, and simple groups that only store offsets.</summary>
    public static bool IsConsumerGroup(string protocolType) => protocolType.Length == 0 || protocolType == ConsumerProtocolType;

    /// <summary>The description of a consumer-protocol group (ConsumerGroupDescribe, KIP-848): epochs, current and target assignments.</summary>
    public static ConsumerGroupDescription From(ConsumerGroupDescribeResponse.DescribedGroup group, Node? coordinator)
    {
        var members = new List<MemberDescription>(group.Members.Count);
        foreach (ConsumerGroupDescribeResponse.Member member in group.Members)
        {
            members.Add(new MemberDescription(member.MemberId, member.InstanceId, member.ClientId, member.ClientHost, Partitions(member.Assignment))
            {
                MemberEpoch = member.MemberEpoch,
                TargetAssignment = Partitions(member.TargetAssignment),
                SubscribedTopicNames = [.. member.SubscribedTopicNames],
                SubscribedTopicRegex = string.IsNullOrEmpty(member.SubscribedTopicRegex) ? null : member.SubscribedTopicRegex,
                RackId = member.RackId,
            });
        }

        return new ConsumerGroupDescription(group.GroupId, false, ConsumerGroupStates.Parse(group.GroupState), ConsumerProtocolType, group.AssignorName, members, coordinator, null)
        {
            GroupType = "consumer",
            GroupEpoch = group.GroupEpoch,
            TargetAssignmentEpoch = group.AssignmentEpoch,
        };
    }

    private static MemberAssignment Partitions(ConsumerGroupDescribeResponse.Assignment assignment) =>
        new([.. assignment.TopicPartitions.SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.TopicName, p)))]);

    /// <summary>The description, members' assignments decoded.</summary>
    /// <exception cref="KafkaException">The group is not a consumer group (e.g. Kafka Connect workers), or an assignment cannot be decoded.</exception>
    public static ConsumerGroupDescription From(DescribeGroupsResponse.DescribedGroup group, Node? coordinator)
    {
        if (!IsConsumerGroup(group.ProtocolType))
        {
            throw new KafkaException(ErrorCode.InvalidRequest, $"Group {group.GroupId} is not a consumer group: its protocol type is '{group.ProtocolType}'.");
        }

        var members = new List<MemberDescription>(group.Members.Count);
        foreach (DescribeGroupsResponse.DescribedGroupMember member in group.Members)
        {
            MemberAssignment assignment;
            try
            {
                assignment = ConsumerAssignmentDecoder.Decode(member.MemberAssignment);
            }
            catch (KafkaProtocolException e)
            {
                throw new KafkaException(ErrorCode.InvalidRequest, $"The assignment of member {member.MemberId} of group {group.GroupId} is not a consumer protocol assignment: {e.Message}", innerException: e);
            }

            members.Add(new MemberDescription(member.MemberId, member.GroupInstanceId, member.ClientId, member.ClientHost, assignment));
        }

        return new ConsumerGroupDescription(
            group.GroupId,
            group.ProtocolType.Length == 0,
            ConsumerGroupStates.Parse(group.GroupState),
            group.ProtocolType,
            group.ProtocolData,
            members,
            coordinator,
            null);
    }
}
