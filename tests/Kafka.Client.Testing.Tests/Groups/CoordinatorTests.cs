using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests.Groups;

/// <summary>Which broker coordinates a group, and what happens elsewhere or when it moves.</summary>
public class CoordinatorTests : GroupTestBase
{
    [Test]
    public async Task Group_requests_to_a_broker_that_does_not_coordinate_the_group_are_NotCoordinator()
    {
        string group = NewGroup();
        int elsewhere = Cluster.BrokerIds.First(id => id != Cluster.CoordinatorOf(group));
        await using RawConnection connection = await RawConnection.ConnectAsync(Cluster, elsewhere);
        Assert.That(Error((await JoinAsync(connection, Join(group))).ErrorCode), Is.EqualTo(ErrorCode.NotCoordinator));
        Assert.That(await HeartbeatAsync(connection, group, new JoinGroupResponse { MemberId = "m" }), Is.EqualTo(ErrorCode.NotCoordinator));
        var commit = await connection.SendAsync<OffsetCommitResponse>(new OffsetCommitRequest
        {
            GroupId = group,
            Topics = [new OffsetCommitRequest.OffsetCommitRequestTopic { Name = "t", Partitions = [new OffsetCommitRequest.OffsetCommitRequestPartition { CommittedOffset = 1 }] }],
        }, 9);
        Assert.That(Error(commit.Topics.Single().Partitions.Single().ErrorCode), Is.EqualTo(ErrorCode.NotCoordinator));
        var fetch = await connection.SendAsync<OffsetFetchResponse>(new OffsetFetchRequest { GroupId = group, Topics = null }, 7);
        Assert.That(Error(fetch.ErrorCode), Is.EqualTo(ErrorCode.NotCoordinator));
        var describe = await connection.SendAsync<DescribeGroupsResponse>(new DescribeGroupsRequest { Groups = [group] }, 5);
        Assert.That(Error(describe.Groups.Single().ErrorCode), Is.EqualTo(ErrorCode.NotCoordinator));
    }

    [TestCase((short)3)]
    [TestCase((short)4)]
    [TestCase((short)6)]
    public async Task FindCoordinator_names_the_coordinating_broker(short version)
    {
        string group = NewGroup();
        int coordinator = Cluster.CoordinatorOf(group);
        await using RawConnection connection = await RawConnection.ConnectAsync(Cluster, Cluster.BrokerIds[0]);
        var request = version < 4
            ? new FindCoordinatorRequest { Key = group, KeyType = 0 }
            : new FindCoordinatorRequest { CoordinatorKeys = [group, "txn-1"], KeyType = 0 };
        var response = await connection.SendAsync<FindCoordinatorResponse>(request, version);
        if (version < 4)
        {
            Assert.That(Error(response.ErrorCode), Is.EqualTo(ErrorCode.None));
            Assert.That(response.NodeId, Is.EqualTo(coordinator));
            Assert.That(response.Port, Is.EqualTo(Cluster.PortOf(coordinator)));
            Assert.That(response.Host, Is.EqualTo("127.0.0.1"));
        }
        else
        {
            Assert.That(response.Coordinators.Select(c => c.Key), Is.EqualTo(new[] { group, "txn-1" }));
            Assert.That(response.Coordinators[0].NodeId, Is.EqualTo(coordinator));
            Assert.That(response.Coordinators[1].NodeId, Is.EqualTo(Cluster.CoordinatorOf("txn-1")));
            Assert.That(response.Coordinators.Select(c => Error(c.ErrorCode)), Is.All.EqualTo(ErrorCode.None));
        }
    }

    [Test]
    public async Task FindCoordinator_for_a_transactional_id_uses_the_same_placement_and_share_keys_are_InvalidRequest()
    {
        await using RawConnection connection = await RawConnection.ConnectAsync(Cluster, Cluster.BrokerIds[0]);
        var txn = await connection.SendAsync<FindCoordinatorResponse>(new FindCoordinatorRequest { Key = "payments-tx", KeyType = 1 }, 2);
        Assert.That(txn.NodeId, Is.EqualTo(Cluster.CoordinatorOf("payments-tx")));
        var share = await connection.SendAsync<FindCoordinatorResponse>(new FindCoordinatorRequest { CoordinatorKeys = ["g:t:0"], KeyType = 2 }, 6);
        Assert.That(Error(share.Coordinators.Single().ErrorCode), Is.EqualTo(ErrorCode.InvalidRequest));
    }

    [Test]
    public async Task When_the_coordinator_stops_the_next_coordinator_keeps_the_group_and_its_offsets()
    {
        string group = NewGroup();
        await Cluster.CreateTopicAsync("orders", replicationFactor: 3);
        int before = Cluster.CoordinatorOf(group);
        var (connection, joined) = await StableSingleMemberAsync(group);
        await using (connection)
        {
            await connection.SendAsync<OffsetCommitResponse>(OffsetTests.Commit(group, joined.MemberId, joined.GenerationId, "orders", 0, 12), 9);
            await Cluster.StopBrokerAsync(before);
        }

        int after = Cluster.CoordinatorOf(group);
        Assert.That(after, Is.Not.EqualTo(before));
        await using RawConnection moved = await RawConnection.ConnectAsync(Cluster, after);
        Assert.That(await HeartbeatAsync(moved, group, joined), Is.EqualTo(ErrorCode.None));
        var fetched = await moved.SendAsync<OffsetFetchResponse>(new OffsetFetchRequest { GroupId = group, Topics = null }, 6);
        Assert.That(fetched.Topics.Single().Partitions.Single().CommittedOffset, Is.EqualTo(12));
        Assert.That(Describe(group).State, Is.EqualTo("Stable"));
    }
}
