using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests.Groups.Consumer;

/// <summary>
/// Consumer-protocol groups beside the other group APIs: commits and fetches checked against the member epoch
/// (OffsetCommit/OffsetFetch v9), ConsumerGroupDescribe, ListGroups types, DescribeGroups, DeleteGroups, and an Empty
/// group changing protocol with its offsets kept.
/// </summary>
public class ConsumerGroupOffsetsTests : ConsumerGroupTestBase
{
    [Test]
    public async Task Commits_and_fetches_are_checked_against_the_member_epoch()
    {
        string topic = NewTopic(), groupId = NewGroup();
        await Cluster.CreateTopicAsync(topic, partitions: 1, replicationFactor: 1);
        await using RawConnection connection = await ConnectToCoordinatorAsync(groupId);
        var member = new Member(connection, groupId);
        await member.JoinAsync([topic]);

        Assert.That(await CommitAsync(connection, Commit(groupId, topic, member.MemberId, member.Epoch, 5)), Is.EqualTo(ErrorCode.None));
        Assert.That(Cluster.CommittedOffset(groupId, topic, 0), Is.EqualTo(5));
        Assert.That(await CommitAsync(connection, Commit(groupId, topic, member.MemberId, member.Epoch + 1, 6)), Is.EqualTo(ErrorCode.StaleMemberEpoch));
        Assert.That(await CommitAsync(connection, Commit(groupId, topic, "someone-else", member.Epoch, 6)), Is.EqualTo(ErrorCode.UnknownMemberId));
        Assert.That(await CommitAsync(connection, Commit(groupId, topic, "", -1, 6)), Is.EqualTo(ErrorCode.UnknownMemberId), "no admin commits while it has members");
        Assert.That(await CommitAsync(connection, Commit(groupId, topic, member.MemberId, member.Epoch, 6), version: 8), Is.EqualTo(ErrorCode.UnsupportedVersion), "a consumer-protocol member needs v9");
        Assert.That(Cluster.CommittedOffset(groupId, topic, 0), Is.EqualTo(5));

        OffsetFetchResponse stale = await connection.SendAsync<OffsetFetchResponse>(new OffsetFetchRequest
        {
            Groups = [new OffsetFetchRequest.OffsetFetchRequestGroup { GroupId = groupId, MemberId = member.MemberId, MemberEpoch = member.Epoch + 3, Topics = null }],
        }, 9);
        Assert.That(Error(stale.Groups[0].ErrorCode), Is.EqualTo(ErrorCode.StaleMemberEpoch));
        OffsetFetchResponse fetched = await connection.SendAsync<OffsetFetchResponse>(new OffsetFetchRequest
        {
            Groups = [new OffsetFetchRequest.OffsetFetchRequestGroup { GroupId = groupId, MemberId = member.MemberId, MemberEpoch = member.Epoch, Topics = null }],
        }, 9);
        Assert.That(fetched.Groups[0].Topics.Single().Partitions.Single().CommittedOffset, Is.EqualTo(5));

        await member.LeaveAsync();
        Assert.That(await CommitAsync(connection, Commit(groupId, topic, "", -1, 7)), Is.EqualTo(ErrorCode.None), "an Empty group takes admin commits");
        Assert.That(Cluster.CommittedOffset(groupId, topic, 0), Is.EqualTo(7));
    }

    [Test]
    public async Task A_consumer_group_is_described_listed_and_deleted_as_Kafka_4_does()
    {
        string topic = NewTopic(), groupId = NewGroup();
        await Cluster.CreateTopicAsync(topic, partitions: 2, replicationFactor: 1);
        await using RawConnection connection = await ConnectToCoordinatorAsync(groupId);
        var member = new Member(connection, groupId, instanceId: "described");
        await member.JoinAsync([topic]);

        ConsumerGroupDescribeResponse described = await connection.SendAsync<ConsumerGroupDescribeResponse>(
            new ConsumerGroupDescribeRequest { GroupIds = [groupId, "nobody-" + groupId], IncludeAuthorizedOperations = true }, 0);
        ConsumerGroupDescribeResponse.DescribedGroup group = described.Groups[0];
        Assert.That((Error(group.ErrorCode), group.GroupState, group.GroupEpoch, group.AssignmentEpoch, group.AssignorName), Is.EqualTo((ErrorCode.None, "Stable", 1, 1, "uniform")));
        ConsumerGroupDescribeResponse.Member m = group.Members.Single();
        Assert.That((m.MemberId, m.InstanceId, m.MemberEpoch, m.SubscribedTopicNames.Single()), Is.EqualTo((member.MemberId, "described", 1, topic)));
        Assert.That(m.Assignment.TopicPartitions.Single().TopicName, Is.EqualTo(topic));
        Assert.That(m.TargetAssignment.TopicPartitions.Single().Partitions, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(group.AuthorizedOperations, Is.GreaterThan(0));
        Assert.That((Error(described.Groups[1].ErrorCode), described.Groups[1].ErrorMessage), Is.EqualTo((ErrorCode.GroupIdNotFound, $"Group nobody-{groupId} not found.")));

        ListGroupsResponse consumers = await connection.SendAsync<ListGroupsResponse>(new ListGroupsRequest { TypesFilter = ["consumer"] }, 5);
        Assert.That(consumers.Groups.Select(g => (g.GroupId, g.GroupType, g.GroupState, g.ProtocolType)), Does.Contain((groupId, "consumer", "Stable", "consumer")));
        ListGroupsResponse classic = await connection.SendAsync<ListGroupsResponse>(new ListGroupsRequest { TypesFilter = ["classic"] }, 5);
        Assert.That(classic.Groups.Select(g => g.GroupId), Does.Not.Contain(groupId));

        // DescribeGroups (classic) before v6 shows a group of another type as Dead, with no error (Kafka 4.0).
        DescribeGroupsResponse old = await connection.SendAsync<DescribeGroupsResponse>(new DescribeGroupsRequest { Groups = [groupId] }, 5);
        Assert.That((Error(old.Groups[0].ErrorCode), old.Groups[0].GroupState), Is.EqualTo((ErrorCode.None, "Dead")));

        DeleteGroupsResponse busy = await connection.SendAsync<DeleteGroupsResponse>(new DeleteGroupsRequest { GroupsNames = [groupId] }, 2);
        Assert.That(Error(busy.Results[0].ErrorCode), Is.EqualTo(ErrorCode.NonEmptyGroup));
        await member.LeaveAsync();
        DeleteGroupsResponse deleted = await connection.SendAsync<DeleteGroupsResponse>(new DeleteGroupsRequest { GroupsNames = [groupId] }, 2);
        Assert.That(Error(deleted.Results[0].ErrorCode), Is.EqualTo(ErrorCode.None));
        Assert.That(Cluster.DescribeConsumerGroup(groupId), Is.Null);
    }

    [Test]
    public async Task An_empty_group_changes_protocol_and_keeps_its_offsets()
    {
        string topic = NewTopic(), groupId = NewGroup();
        await Cluster.CreateTopicAsync(topic, partitions: 1, replicationFactor: 1);
        await using RawConnection connection = await ConnectToCoordinatorAsync(groupId);
        Assert.That(await CommitAsync(connection, Commit(groupId, topic, "", -1, 42), version: 8), Is.EqualTo(ErrorCode.None), "a simple commit makes an Empty classic group");

        var member = new Member(connection, groupId);
        ConsumerGroupHeartbeatResponse joined = await member.JoinAsync([topic]);
        Assert.That(Error(joined.ErrorCode), Is.EqualTo(ErrorCode.None), joined.ErrorMessage);
        Assert.That(Cluster.DescribeConsumerGroup(groupId), Is.Not.Null);
        Assert.That(Cluster.CommittedOffset(groupId, topic, 0), Is.EqualTo(42));

        // A classic member joins the consumer group with members (Kafka 4's online migration), served by its coordinator.
        JoinGroupResponse mixed = await JoinNewMemberAsync(connection, Join(groupId, protocols: ("range", Subscription(topic))));
        Assert.That(Error(mixed.ErrorCode), Is.EqualTo(ErrorCode.None));
        Assert.That(Cluster.DescribeConsumerGroup(groupId)!.Members, Has.Count.EqualTo(2));
        Assert.That(mixed.GenerationId, Is.EqualTo(Cluster.DescribeConsumerGroup(groupId)!.Members.Single(m => m.MemberId == mixed.MemberId).MemberEpoch));
        LeaveGroupResponse left = await connection.SendAsync<LeaveGroupResponse>(new LeaveGroupRequest
        {
            GroupId = groupId, Members = [new LeaveGroupRequest.MemberIdentity { MemberId = mixed.MemberId }],
        }, 5);
        Assert.That(Error(left.Members.Single().ErrorCode), Is.EqualTo(ErrorCode.None));

        await member.LeaveAsync();
        JoinGroupResponse classic = await JoinNewMemberAsync(connection, Join(groupId));
        Assert.That(Error(classic.ErrorCode), Is.EqualTo(ErrorCode.None), "the Empty consumer group became classic");
        Assert.That(Cluster.DescribeConsumerGroup(groupId), Is.Null);
        Assert.That(Cluster.CommittedOffset(groupId, topic, 0), Is.EqualTo(42));
    }
}
