using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests.Groups.Consumer;

/// <summary>
/// The consumer group protocol (KIP-848) on the embedded broker, over raw ConsumerGroupHeartbeat requests: joining,
/// incremental reconciliation (revoke first, then assign), leaving, session timeouts, static members, regexes, and
/// the errors Kafka 4.0 answers.
/// </summary>
public class HeartbeatTests : ConsumerGroupTestBase
{
    [Test]
    public async Task A_member_joins_with_its_own_id_and_gets_every_partition()
    {
        string topic = NewTopic(), groupId = NewGroup();
        await Cluster.CreateTopicAsync(topic, partitions: 4, replicationFactor: 1);
        await using RawConnection connection = await ConnectToCoordinatorAsync(groupId);
        KafkaUuid topicId = await TopicIdAsync(connection, topic);
        var member = new Member(connection, groupId);
        string memberId = member.MemberId;

        ConsumerGroupHeartbeatResponse joined = await member.JoinAsync([topic]);

        Assert.That(Error(joined.ErrorCode), Is.EqualTo(ErrorCode.None), joined.ErrorMessage);
        Assert.That(joined.MemberId, Is.EqualTo(memberId), "KIP-1082: the client's id is kept");
        Assert.That(joined.MemberEpoch, Is.EqualTo(1));
        Assert.That(joined.HeartbeatIntervalMs, Is.EqualTo(HeartbeatIntervalMs));
        Assert.That(member.Owned, Is.EquivalentTo(Partitions(topicId, 0, 1, 2, 3)));

        ConsumerGroupHeartbeatResponse again = await member.HeartbeatAsync();
        Assert.That(again.MemberEpoch, Is.EqualTo(1));
        Assert.That(again.Assignment, Is.Null, "nothing changed, so no assignment is sent");
        EmbeddedConsumerGroupInfo group = Cluster.DescribeConsumerGroup(groupId)!;
        Assert.That((group.State, group.GroupEpoch, group.AssignmentEpoch, group.AssignorName), Is.EqualTo(("Stable", 1, 1, "uniform")));
    }

    [Test]
    public async Task A_second_member_gets_its_partitions_only_after_the_first_revoked_them()
    {
        string topic = NewTopic(), groupId = NewGroup();
        await Cluster.CreateTopicAsync(topic, partitions: 4, replicationFactor: 1);
        await using RawConnection connection = await ConnectToCoordinatorAsync(groupId);
        KafkaUuid topicId = await TopicIdAsync(connection, topic);
        var a = new Member(connection, groupId);
        var b = new Member(connection, groupId);
        await a.JoinAsync([topic]);

        ConsumerGroupHeartbeatResponse bJoined = await b.JoinAsync([topic]);
        Assert.That(bJoined.MemberEpoch, Is.EqualTo(2), "b is at the new epoch");
        Assert.That(b.Owned, Is.Empty, "a still holds b's partitions");
        AssertNoOverlap(a, b);
        Assert.That(Cluster.DescribeConsumerGroup(groupId)!.Members.Single(m => m.MemberId == b.MemberId).State, Is.EqualTo("UNRELEASED_PARTITIONS"));

        ConsumerGroupHeartbeatResponse revoke = await a.HeartbeatAsync();
        Assert.That(revoke.MemberEpoch, Is.EqualTo(1), "a revokes at its old epoch");
        Assert.That(a.Owned, Has.Count.EqualTo(2));
        Assert.That(Cluster.DescribeConsumerGroup(groupId)!.Members.Single(m => m.MemberId == a.MemberId).State, Is.EqualTo("UNREVOKED_PARTITIONS"));

        ConsumerGroupHeartbeatResponse still = await b.HeartbeatAsync();
        Assert.That(b.Owned, Is.Empty, "a has not said it revoked them yet");

        ConsumerGroupHeartbeatResponse revoked = await a.HeartbeatAsync();
        Assert.That(revoked.MemberEpoch, Is.EqualTo(2), "after revoking, a reaches the new epoch");
        await b.HeartbeatAsync();
        Assert.That(b.Owned, Has.Count.EqualTo(2));
        AssertNoOverlap(a, b);
        Assert.That(a.Owned.Union(b.Owned), Is.EquivalentTo(Partitions(topicId, 0, 1, 2, 3)));
        Assert.That(Cluster.DescribeConsumerGroup(groupId)!.State, Is.EqualTo("Stable"));
        Assert.That(Error(still.ErrorCode), Is.EqualTo(ErrorCode.None));
    }

    [Test]
    public async Task A_fenced_member_rejoins_with_epoch_0_and_its_id_at_once_stable_or_while_it_revokes()
    {
        // KAFKA-19233 (apache/kafka#21305): epoch 0 from a known member is a rejoin, not a fence.
        string topic = NewTopic(), groupId = NewGroup();
        await Cluster.CreateTopicAsync(topic, partitions: 4, replicationFactor: 1);
        await using RawConnection connection = await ConnectToCoordinatorAsync(groupId);
        var a = new Member(connection, groupId);
        var b = new Member(connection, groupId);
        await a.JoinAsync([topic]);
        await b.JoinAsync([topic]);
        await a.HeartbeatAsync();
        Assert.That(Cluster.DescribeConsumerGroup(groupId)!.Members.Single(m => m.MemberId == a.MemberId).State, Is.EqualTo("UNREVOKED_PARTITIONS"));

        // a, fenced while it revokes, drops everything and rejoins: its revocation is done, so it reaches epoch 2.
        ConsumerGroupHeartbeatResponse whileRevoking = await a.JoinAsync([topic]);
        Assert.That((Error(whileRevoking.ErrorCode), whileRevoking.MemberId, whileRevoking.MemberEpoch), Is.EqualTo((ErrorCode.None, a.MemberId, 2)));
        Assert.That(a.Owned, Has.Count.EqualTo(2), "the partitions it keeps, in full");
        await b.HeartbeatAsync();
        Assert.That(b.Owned, Has.Count.EqualTo(2), "what a gave up went to b");
        AssertNoOverlap(a, b);

        // b, stable at epoch 2, rejoins: the same partitions at the same epoch, and the group does not rebalance.
        HashSet<(KafkaUuid, int)> before = [.. b.Owned];
        ConsumerGroupHeartbeatResponse stable = await b.JoinAsync([topic]);
        Assert.That((Error(stable.ErrorCode), stable.MemberEpoch), Is.EqualTo((ErrorCode.None, 2)));
        Assert.That(b.Owned, Is.EquivalentTo(before));
        Assert.That(Cluster.DescribeConsumerGroup(groupId)!.GroupEpoch, Is.EqualTo(2));
        Assert.That(Cluster.DescribeConsumerGroup(groupId)!.Members, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_member_that_leaves_frees_its_partitions_at_once()
    {
        string topic = NewTopic(), groupId = NewGroup();
        await Cluster.CreateTopicAsync(topic, partitions: 2, replicationFactor: 1);
        await using RawConnection connection = await ConnectToCoordinatorAsync(groupId);
        var a = new Member(connection, groupId);
        var b = new Member(connection, groupId);
        await a.JoinAsync([topic]);
        await b.JoinAsync([topic]);
        await a.HeartbeatAsync();
        await a.HeartbeatAsync();
        await b.HeartbeatAsync();
        Assert.That((a.Owned.Count, b.Owned.Count), Is.EqualTo((1, 1)));

        ConsumerGroupHeartbeatResponse left = await b.LeaveAsync();
        Assert.That((Error(left.ErrorCode), left.MemberEpoch), Is.EqualTo((ErrorCode.None, -1)));

        await a.HeartbeatAsync();
        Assert.That(a.Owned, Has.Count.EqualTo(2));
        Assert.That(a.Epoch, Is.EqualTo(3));
        Assert.That(Error((await b.HeartbeatAsync()).ErrorCode), Is.EqualTo(ErrorCode.UnknownMemberId));
    }

    [Test]
    public async Task A_member_that_stops_heartbeating_is_removed_after_the_session_timeout()
    {
        string topic = NewTopic(), groupId = NewGroup();
        await Cluster.CreateTopicAsync(topic, partitions: 2, replicationFactor: 1);
        await using RawConnection connection = await ConnectToCoordinatorAsync(groupId);
        var a = new Member(connection, groupId);
        var crashed = new Member(connection, groupId);
        await a.JoinAsync([topic]);
        await crashed.JoinAsync([topic]);
        await a.HeartbeatAsync();
        await a.HeartbeatAsync();
        Assert.That(a.Owned, Has.Count.EqualTo(1));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Cluster.DescribeConsumerGroup(groupId)!.Members.Count > 1)
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "the silent member is fenced");
            Assert.That(Error((await a.HeartbeatAsync()).ErrorCode), Is.EqualTo(ErrorCode.None), "the live member stays");
            await Task.Delay(HeartbeatIntervalMs);
        }

        Assert.That(clock.ElapsedMilliseconds, Is.GreaterThanOrEqualTo(ConsumerSessionTimeoutMs / 2));
        await a.HeartbeatAsync();
        Assert.That(a.Owned, Has.Count.EqualTo(2));
        Assert.That(Error((await crashed.HeartbeatAsync()).ErrorCode), Is.EqualTo(ErrorCode.UnknownMemberId));
    }

    [Test]
    public async Task A_static_member_that_restarts_gets_its_partitions_back_without_a_rebalance()
    {
        string topic = NewTopic(), groupId = NewGroup();
        await Cluster.CreateTopicAsync(topic, partitions: 4, replicationFactor: 1);
        await using RawConnection connection = await ConnectToCoordinatorAsync(groupId);
        var a = new Member(connection, groupId, instanceId: "instance-a");
        var b = new Member(connection, groupId, instanceId: "instance-b");
        await a.JoinAsync([topic]);
        await b.JoinAsync([topic]);
        await a.HeartbeatAsync();
        await a.HeartbeatAsync();
        await b.HeartbeatAsync();
        HashSet<(KafkaUuid, int)> before = [.. b.Owned];
        int epoch = Cluster.DescribeConsumerGroup(groupId)!.GroupEpoch;

        var taken = new Member(connection, groupId, instanceId: "instance-b");
        ConsumerGroupHeartbeatResponse refused = await taken.JoinAsync([topic]);
        Assert.That(Error(refused.ErrorCode), Is.EqualTo(ErrorCode.UnreleasedInstanceId), "b has not left");

        ConsumerGroupHeartbeatResponse left = await b.LeaveAsync(-2);
        Assert.That(left.MemberEpoch, Is.EqualTo(-2));
        await a.HeartbeatAsync();
        Assert.That(a.Owned, Has.Count.EqualTo(2), "b's partitions wait for it");

        var restarted = new Member(connection, groupId, instanceId: "instance-b");
        ConsumerGroupHeartbeatResponse back = await restarted.JoinAsync([topic]);
        Assert.That(Error(back.ErrorCode), Is.EqualTo(ErrorCode.None), back.ErrorMessage);
        Assert.That(restarted.Owned, Is.EquivalentTo(before));
        Assert.That(back.MemberEpoch, Is.EqualTo(epoch));
        Assert.That(Cluster.DescribeConsumerGroup(groupId)!.GroupEpoch, Is.EqualTo(epoch), "no rebalance");
        Assert.That(Error((await b.HeartbeatAsync()).ErrorCode), Is.EqualTo(ErrorCode.FencedInstanceId), "the old incarnation is fenced");
    }

    [Test]
    public async Task A_regex_subscription_picks_up_a_new_topic()
    {
        string prefix = "rx" + Guid.NewGuid().ToString("N")[..8], groupId = NewGroup();
        await Cluster.CreateTopicAsync(prefix + "-a", partitions: 1, replicationFactor: 1);
        await Cluster.CreateTopicAsync("other-" + prefix, partitions: 1, replicationFactor: 1);
        await using RawConnection connection = await ConnectToCoordinatorAsync(groupId);
        KafkaUuid a = await TopicIdAsync(connection, prefix + "-a");
        var member = new Member(connection, groupId);
        await member.JoinAsync(regex: prefix + "-.*");
        Assert.That(member.Owned, Is.EquivalentTo(Partitions(a, 0)), "a full match only: other-... is not taken");

        await Cluster.CreateTopicAsync(prefix + "-b", partitions: 2, replicationFactor: 1);
        KafkaUuid b = await TopicIdAsync(connection, prefix + "-b");
        await member.HeartbeatAsync();
        Assert.That(member.Owned, Is.EquivalentTo(Partitions(a, 0).Concat(Partitions(b, 0, 1))));

        var bad = new Member(connection, groupId);
        ConsumerGroupHeartbeatResponse refused = await bad.JoinAsync(regex: "(?=x)y");
        Assert.That(Error(refused.ErrorCode), Is.EqualTo(ErrorCode.InvalidRegularExpression));
        Assert.That(refused.ErrorMessage, Does.StartWith("SubscribedTopicRegex `(?=x)y` is not a valid regular expression"));
    }

    [Test]
    public async Task The_range_assignor_gives_contiguous_ranges_by_member_id()
    {
        string topic = NewTopic(), groupId = NewGroup();
        await Cluster.CreateTopicAsync(topic, partitions: 5, replicationFactor: 1);
        await using RawConnection connection = await ConnectToCoordinatorAsync(groupId);
        var first = new Member(connection, groupId) { MemberId = "a-member" };
        var second = new Member(connection, groupId) { MemberId = "b-member" };
        await first.JoinAsync([topic], assignor: "range");
        await second.JoinAsync([topic], assignor: "range");

        EmbeddedConsumerGroupInfo group = Cluster.DescribeConsumerGroup(groupId)!;
        Assert.That(group.AssignorName, Is.EqualTo("range"));
        Assert.That(group.Members.Single(m => m.MemberId == "a-member").Target[topic], Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(group.Members.Single(m => m.MemberId == "b-member").Target[topic], Is.EqualTo(new[] { 3, 4 }));
    }

    [Test]
    public async Task Bad_heartbeats_get_Kafkas_errors()
    {
        string topic = NewTopic(), groupId = NewGroup();
        await Cluster.CreateTopicAsync(topic, partitions: 1, replicationFactor: 1);
        await using RawConnection connection = await ConnectToCoordinatorAsync(groupId);
        var member = new Member(connection, groupId);
        await member.JoinAsync([topic]);

        ConsumerGroupHeartbeatResponse ahead = await member.HeartbeatAsync(epoch: 7);
        Assert.That(Error(ahead.ErrorCode), Is.EqualTo(ErrorCode.FencedMemberEpoch));
        Assert.That(ahead.ErrorMessage, Does.Contain("greater member epoch (7)"));

        var stranger = new Member(connection, groupId);
        Assert.That(Error((await stranger.HeartbeatAsync(epoch: 3)).ErrorCode), Is.EqualTo(ErrorCode.UnknownMemberId));

        ConsumerGroupHeartbeatResponse assignor = await new Member(connection, groupId).JoinAsync([topic], assignor: "sticky");
        Assert.That(Error(assignor.ErrorCode), Is.EqualTo(ErrorCode.UnsupportedAssignor));
        Assert.That(assignor.ErrorMessage, Is.EqualTo("ServerAssignor sticky is not supported. Supported assignors: uniform, range."));

        var noId = new Member(connection, groupId) { MemberId = "" };
        ConsumerGroupHeartbeatResponse v1 = await noId.JoinAsync([topic]);
        Assert.That((Error(v1.ErrorCode), v1.ErrorMessage), Is.EqualTo((ErrorCode.InvalidRequest, "MemberId can't be empty.")));

        ConsumerGroupHeartbeatResponse v0 = await noId.SendAsync(new ConsumerGroupHeartbeatRequest
        {
            GroupId = groupId, MemberId = "", MemberEpoch = 0, RebalanceTimeoutMs = 5000, SubscribedTopicNames = [topic], TopicPartitions = [],
        }, version: 0);
        Assert.That(Error(v0.ErrorCode), Is.EqualTo(ErrorCode.None), "v0: the coordinator gives the id");
        Assert.That(v0.MemberId, Is.Not.Empty);

        (RawConnection classic, _) = await StableSingleMemberAsync("classic-" + groupId);
        await using (classic)
        {
            ConsumerGroupHeartbeatResponse wrongType = await new Member(connection, "classic-" + groupId).JoinAsync([topic]);
            Assert.That((Error(wrongType.ErrorCode), wrongType.ErrorMessage), Is.EqualTo((ErrorCode.GroupIdNotFound,
                $"Cannot upgrade the classic group classic-{groupId} to consumer group because the embedded consumer protocol is malformed.")));
        }
    }
}
