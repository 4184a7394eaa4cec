using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests.Groups.Consumer;

/// <summary>
/// Kafka 4's online upgrade of a classic group with members (GroupMetadataManager.convertToConsumerGroup): the first
/// ConsumerGroupHeartbeat turns it into a consumer group in which the classic members keep their partitions and are
/// served with the classic protocol, and the partitions move to the new member only after a classic member gave them up.
/// </summary>
public sealed class OnlineUpgradeTests : ConsumerGroupTestBase
{
    [Test]
    public async Task A_stable_classic_group_is_upgraded_and_hands_partitions_over_only_after_they_were_revoked()
    {
        string topic = NewTopic(), groupId = NewGroup();
        await Cluster.CreateTopicAsync(topic, partitions: 4, replicationFactor: 1);
        await using RawConnection connection = await ConnectToCoordinatorAsync(groupId);
        JoinGroupResponse classic = await JoinNewMemberAsync(connection, Join(groupId, protocols: ("cooperative-sticky", Subscription(topic))));
        Assert.That(Error(classic.ErrorCode), Is.EqualTo(ErrorCode.None));
        SyncGroupResponse synced = await SyncAsync(connection, groupId, classic, assignments: (classic.MemberId, Assignment(topic, 0, 1, 2, 3)));
        Assert.That(Error(synced.ErrorCode), Is.EqualTo(ErrorCode.None));
        Assert.That(await CommitAsync(connection, Commit(groupId, topic, classic.MemberId, classic.GenerationId, 7), version: 8), Is.EqualTo(ErrorCode.None));
        int generation = classic.GenerationId;

        var member = new Member(connection, groupId);
        ConsumerGroupHeartbeatResponse joined = await member.JoinAsync([topic]);
        Assert.That(Error(joined.ErrorCode), Is.EqualTo(ErrorCode.None), joined.ErrorMessage);
        Assert.That(joined.MemberEpoch, Is.EqualTo(generation + 1), "the joining member bumps the epoch the upgrade started from");
        Assert.That(member.Owned, Is.Empty, "the classic member still holds every partition");
        EmbeddedConsumerGroupInfo upgraded = Cluster.DescribeConsumerGroup(groupId)!;
        Assert.That(Cluster.DescribeGroup(groupId), Is.Null, "the classic group is gone");
        EmbeddedConsumerGroupMember converted = upgraded.Members.Single(m => m.MemberId == classic.MemberId);
        Assert.That(converted.MemberEpoch, Is.EqualTo(generation));
        Assert.That(converted.Assigned[topic], Is.EquivalentTo(new[] { 0, 1, 2, 3 }), "the classic member keeps what it was given");
        Assert.That(Cluster.CommittedOffset(groupId, topic, 0), Is.EqualTo(7), "offsets stay with the group id");

        // The classic member learns of the rebalance from its heartbeat and rejoins, cooperatively, until it is at the
        // group epoch; at no point do both members hold one partition.
        HashSet<int> owned = [0, 1, 2, 3];
        Assert.That(await HeartbeatAsync(connection, groupId, classic), Is.EqualTo(ErrorCode.RebalanceInProgress));
        for (int round = 0; round < 5 && await HeartbeatAsync(connection, groupId, classic) != ErrorCode.None; round++)
        {
            JoinGroupRequest rejoin = Join(groupId, classic.MemberId, protocols: ("cooperative-sticky", Subscription(topic, owned, classic.GenerationId)));
            classic = await JoinAsync(connection, rejoin);
            Assert.That(Error(classic.ErrorCode), Is.EqualTo(ErrorCode.None));
            SyncGroupResponse assignment = await SyncAsync(connection, groupId, classic);
            Assert.That(Error(assignment.ErrorCode), Is.EqualTo(ErrorCode.None));
            owned = [.. ReadAssignment(assignment.Assignment, topic)];
            await member.HeartbeatAsync();
            Assert.That(member.Owned.Select(p => p.Partition), Has.None.AnyOf(owned), "a partition is owned twice");
        }

        Assert.That(classic.GenerationId, Is.EqualTo(generation + 1), "the classic member reached the group epoch");
        await EventuallyAsync(() => member.HeartbeatAsync().Result.ErrorCode == 0 && member.Owned.Count == 2, TimeSpan.FromSeconds(5), "the new member got its partitions");
        Assert.That(owned.Concat(member.Owned.Select(p => p.Partition)), Is.EquivalentTo(new[] { 0, 1, 2, 3 }));
        Assert.That(Cluster.DescribeConsumerGroup(groupId)!.State, Is.EqualTo("Stable"));
        Assert.That(await CommitAsync(connection, Commit(groupId, topic, classic.MemberId, classic.GenerationId, 9), version: 8), Is.EqualTo(ErrorCode.None),
            "the classic member commits with its generation, which is its member epoch");
    }

    [Test]
    public async Task A_classic_member_waiting_in_a_rebalance_is_told_to_rejoin_and_is_served_by_the_consumer_group()
    {
        string topic = NewTopic(), groupId = NewGroup();
        await Cluster.CreateTopicAsync(topic, partitions: 2, replicationFactor: 1);
        (RawConnection first, JoinGroupResponse leader) = await StableSingleMemberAsync(groupId, assignment: Assignment(topic, 0, 1), topic: topic);
        await using RawConnection second = await ConnectToCoordinatorAsync(groupId);
        await using (first)
        {
            JoinGroupRequest request = Join(groupId, protocols: ("range", Subscription(topic)));
            JoinGroupResponse required = await JoinAsync(second, request);
            request.MemberId = required.MemberId;
            Task<JoinGroupResponse> waiting = JoinAsync(second, request);
            await EventuallyAsync(() => Describe(groupId).State == "PreparingRebalance", TimeSpan.FromSeconds(5), "the second member started a rebalance");

            ConsumerGroupHeartbeatResponse joined = await new Member(first, groupId).JoinAsync([topic]);
            Assert.That(Error(joined.ErrorCode), Is.EqualTo(ErrorCode.None), joined.ErrorMessage);
            JoinGroupResponse answered = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.That(Error(answered.ErrorCode), Is.EqualTo(ErrorCode.RebalanceInProgress));
            Assert.That(Cluster.DescribeConsumerGroup(groupId)!.Members.Select(m => m.MemberId), Is.SupersetOf(new[] { leader.MemberId, required.MemberId }));

            JoinGroupResponse rejoined = await JoinAsync(second, request);
            Assert.That(Error(rejoined.ErrorCode), Is.EqualTo(ErrorCode.None));
            Assert.That(rejoined.GenerationId, Is.EqualTo(Cluster.DescribeConsumerGroup(groupId)!.Members.Single(m => m.MemberId == required.MemberId).MemberEpoch));
        }
    }

    [Test]
    public async Task A_classic_group_of_another_protocol_type_is_not_upgraded()
    {
        string topic = NewTopic();
        await Cluster.CreateTopicAsync(topic, partitions: 1, replicationFactor: 1);
        string connect = NewGroup();
        await using RawConnection worker = await ConnectToCoordinatorAsync(connect);
        JoinGroupRequest request = Join(connect);
        request.ProtocolType = "connect";
        JoinGroupResponse joined = await JoinNewMemberAsync(worker, request);
        Assert.That(Error(joined.ErrorCode), Is.EqualTo(ErrorCode.None));
        ConsumerGroupHeartbeatResponse notConsumer = await new Member(worker, connect).JoinAsync([topic]);
        Assert.That((Error(notConsumer.ErrorCode), notConsumer.ErrorMessage), Is.EqualTo((ErrorCode.GroupIdNotFound, $"Group {connect} is not a consumer group")));
    }

    /// <summary>Consumer protocol assignment bytes: int16 version 3 + ConsumerProtocolAssignment v3.</summary>
    private static byte[] Assignment(string topic, params int[] partitions)
    {
        using var buffer = new PooledBufferWriter();
        var writer = new KafkaWriter(buffer);
        writer.WriteInt16(3);
        new ConsumerProtocolAssignment
        {
            AssignedPartitions = [new ConsumerProtocolAssignment.TopicPartition { Topic = topic, Partitions = [.. partitions] }],
        }.Write(ref writer, 3);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static IEnumerable<int> ReadAssignment(ReadOnlyMemory<byte> bytes, string topic)
    {
        var reader = new KafkaReader(bytes);
        short version = reader.ReadInt16("version");
        ConsumerProtocolAssignment assignment = ConsumerProtocolAssignment.Read(ref reader, version);
        return assignment.AssignedPartitions.Where(t => t.Topic == topic).SelectMany(t => t.Partitions);
    }

    /// <summary>Subscription metadata v3 with the partitions the member owns (a cooperative member's rejoin).</summary>
    private static byte[] Subscription(string topic, IEnumerable<int> owned, int generation)
    {
        using var buffer = new PooledBufferWriter();
        var writer = new KafkaWriter(buffer);
        writer.WriteInt16(3);
        new ConsumerProtocolSubscription
        {
            Topics = [topic],
            OwnedPartitions = [new ConsumerProtocolSubscription.TopicPartition { Topic = topic, Partitions = [.. owned] }],
            GenerationId = generation,
        }.Write(ref writer, 3);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    [Test]
    public async Task A_static_classic_member_restarted_with_the_consumer_protocol_takes_its_place_and_partitions()
    {
        // Kafka's getOrMaybeSubscribeStaticConsumerGroupMember: the unreleased-instance-id check is only between
        // consumer-protocol members; a classic one is replaced at once.
        string topic = NewTopic(), groupId = NewGroup();
        await Cluster.CreateTopicAsync(topic, partitions: 2, replicationFactor: 1);
        await using RawConnection connection = await ConnectToCoordinatorAsync(groupId);
        JoinGroupResponse classic = await JoinAsync(connection, Join(groupId, instanceId: "static-1", protocols: ("range", Subscription(topic))));
        Assert.That(Error(classic.ErrorCode), Is.EqualTo(ErrorCode.None));
        SyncGroupResponse synced = await SyncAsync(connection, groupId, classic, assignments: (classic.MemberId, Assignment(topic, 0, 1)));
        Assert.That(Error(synced.ErrorCode), Is.EqualTo(ErrorCode.None));

        var restarted = new Member(connection, groupId, instanceId: "static-1");
        ConsumerGroupHeartbeatResponse joined = await restarted.JoinAsync([topic]);

        Assert.That(Error(joined.ErrorCode), Is.EqualTo(ErrorCode.None), joined.ErrorMessage);
        Assert.That(restarted.Owned.Select(p => p.Partition), Is.EquivalentTo(new[] { 0, 1 }), "the classic member's partitions, without a rebalance");
        EmbeddedConsumerGroupInfo group = Cluster.DescribeConsumerGroup(groupId)!;
        Assert.That(group.Members.Select(m => m.MemberId), Is.EqualTo(new[] { restarted.MemberId }));
        Assert.That(await HeartbeatAsync(connection, groupId, classic, instanceId: "static-1"), Is.EqualTo(ErrorCode.FencedInstanceId), "the classic incarnation is fenced");
    }

    [Test]
    public async Task A_classic_member_that_heartbeats_with_the_consumer_protocol_is_a_consumer_member_from_then_on()
    {
        // Kafka's consumerGroupHeartbeat sets the member's classicMemberMetadata to null.
        string topic = NewTopic(), groupId = NewGroup();
        await Cluster.CreateTopicAsync(topic, partitions: 2, replicationFactor: 1);
        await using RawConnection connection = await ConnectToCoordinatorAsync(groupId);
        JoinGroupResponse classic = await JoinNewMemberAsync(connection, Join(groupId, protocols: ("range", Subscription(topic))));
        SyncGroupResponse synced = await SyncAsync(connection, groupId, classic, assignments: (classic.MemberId, Assignment(topic, 0, 1)));
        Assert.That(Error(synced.ErrorCode), Is.EqualTo(ErrorCode.None));

        var same = new Member(connection, groupId) { MemberId = classic.MemberId };
        ConsumerGroupHeartbeatResponse joined = await same.JoinAsync([topic]);

        Assert.That(Error(joined.ErrorCode), Is.EqualTo(ErrorCode.None), joined.ErrorMessage);
        Assert.That(same.Owned.Select(p => p.Partition), Is.EquivalentTo(new[] { 0, 1 }));
        Assert.That(await HeartbeatAsync(connection, groupId, classic), Is.EqualTo(ErrorCode.UnknownMemberId), "no longer served by the classic protocol");
        Assert.That(Error((await same.HeartbeatAsync()).ErrorCode), Is.EqualTo(ErrorCode.None));
    }
}
