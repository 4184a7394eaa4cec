using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests.Groups;

public class GroupAdminTests : GroupTestBase
{
    [Test]
    public async Task DescribeGroups_shows_state_protocol_and_members_and_an_unknown_group_as_Dead()
    {
        string group = NewGroup();
        byte[] metadata = Subscription("orders");
        var (connection, joined) = await StableSingleMemberAsync(group, instanceId: "instance-1");
        await using (connection)
        {
            string unknown = Enumerable.Range(0, 1000).Select(_ => NewGroup()).First(g => Cluster.CoordinatorOf(g) == Cluster.CoordinatorOf(group));
            var response = await connection.SendAsync<DescribeGroupsResponse>(
                new DescribeGroupsRequest { Groups = [group, unknown], IncludeAuthorizedOperations = true }, 5);

            DescribeGroupsResponse.DescribedGroup described = response.Groups[0];
            Assert.That(Error(described.ErrorCode), Is.EqualTo(ErrorCode.None));
            Assert.That(described.GroupState, Is.EqualTo("Stable"));
            Assert.That(described.ProtocolType, Is.EqualTo("consumer"));
            Assert.That(described.ProtocolData, Is.EqualTo("range"));
            Assert.That(described.AuthorizedOperations, Is.Not.EqualTo(int.MinValue));
            DescribeGroupsResponse.DescribedGroupMember member = described.Members.Single();
            Assert.That(member.MemberId, Is.EqualTo(joined.MemberId));
            Assert.That(member.GroupInstanceId, Is.EqualTo("instance-1"));
            Assert.That(member.ClientId, Is.EqualTo("raw-test"));
            Assert.That(member.ClientHost, Is.EqualTo("/127.0.0.1"));
            Assert.That(member.MemberMetadata.ToArray(), Is.EqualTo(metadata));
            Assert.That(member.MemberAssignment.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));

            Assert.That(Error(response.Groups[1].ErrorCode), Is.EqualTo(ErrorCode.None));
            Assert.That(response.Groups[1].GroupState, Is.EqualTo("Dead"));
            Assert.That(response.Groups[1].Members, Is.Empty);
        }
    }

    [Test]
    public async Task DescribeGroups_during_a_rebalance_shows_no_protocol_or_member_metadata()
    {
        string group = NewGroup();
        await using RawConnection connection = await ConnectToCoordinatorAsync(group);
        await JoinNewMemberAsync(connection, Join(group));
        var response = await connection.SendAsync<DescribeGroupsResponse>(new DescribeGroupsRequest { Groups = [group] }, 0);
        DescribeGroupsResponse.DescribedGroup described = response.Groups.Single();
        Assert.That(described.GroupState, Is.EqualTo("CompletingRebalance"));
        Assert.That(described.ProtocolData, Is.EqualTo(""));
        Assert.That(described.Members.Single().MemberMetadata.Length, Is.Zero);
    }

    private async Task<List<ListGroupsResponse.ListedGroup>> ListEverywhereAsync(ListGroupsRequest request, short version)
    {
        var all = new List<ListGroupsResponse.ListedGroup>();
        foreach (int broker in Cluster.BrokerIds)
        {
            await using RawConnection connection = await RawConnection.ConnectAsync(Cluster, broker);
            var response = await connection.SendAsync<ListGroupsResponse>(request, version);
            Assert.That(Error(response.ErrorCode), Is.EqualTo(ErrorCode.None));
            all.AddRange(response.Groups);
        }

        return all;
    }

    [Test]
    public async Task ListGroups_lists_each_group_at_its_coordinator_with_state_and_type_filters()
    {
        string stable = NewGroup();
        string simple = NewGroup();
        await Cluster.CreateTopicAsync("orders");
        var (connection, _) = await StableSingleMemberAsync(stable);
        await using (connection)
        {
            await using RawConnection other = await ConnectToCoordinatorAsync(simple);
            await other.SendAsync<OffsetCommitResponse>(OffsetTests.Commit(simple, "", -1, "orders", 0, 1), 9);

            var all = await ListEverywhereAsync(new ListGroupsRequest(), 5);
            Assert.That(all.Select(g => (g.GroupId, g.ProtocolType, g.GroupState, g.GroupType)), Is.EquivalentTo(new[]
            {
                (stable, "consumer", "Stable", "classic"),
                (simple, "", "Empty", "classic"),
            }));

            var stableOnly = await ListEverywhereAsync(new ListGroupsRequest { StatesFilter = ["stable"] }, 4);
            Assert.That(stableOnly.Select(g => g.GroupId), Is.EqualTo(new[] { stable }));
            var consumerType = await ListEverywhereAsync(new ListGroupsRequest { TypesFilter = ["consumer"] }, 5);
            Assert.That(consumerType, Is.Empty, "classic groups are not of the KIP-848 consumer type");
            var v0 = await ListEverywhereAsync(new ListGroupsRequest(), 0);
            Assert.That(v0.Select(g => g.GroupId), Is.EquivalentTo(new[] { stable, simple }));
            Assert.That(Cluster.ListGroups(), Is.EquivalentTo(new[] { stable, simple }));
        }
    }

    [Test]
    public async Task DeleteGroups_deletes_only_empty_groups_and_their_offsets()
    {
        string group = NewGroup();
        await Cluster.CreateTopicAsync("orders");
        var (connection, joined) = await StableSingleMemberAsync(group);
        await using (connection)
        {
            await connection.SendAsync<OffsetCommitResponse>(OffsetTests.Commit(group, joined.MemberId, joined.GenerationId, "orders", 0, 9), 9);
            string unknown = Enumerable.Range(0, 1000).Select(_ => NewGroup()).First(g => Cluster.CoordinatorOf(g) == Cluster.CoordinatorOf(group));
            var refused = await connection.SendAsync<DeleteGroupsResponse>(new DeleteGroupsRequest { GroupsNames = [group, unknown] }, 2);
            Assert.That(refused.Results.Select(r => (r.GroupId, Error(r.ErrorCode))), Is.EqualTo(new[]
            {
                (group, ErrorCode.NonEmptyGroup),
                (unknown, ErrorCode.GroupIdNotFound),
            }));

            await connection.SendAsync<LeaveGroupResponse>(new LeaveGroupRequest { GroupId = group, MemberId = joined.MemberId }, 2);
            Assert.That(Describe(group).State, Is.EqualTo("Empty"));
            var deleted = await connection.SendAsync<DeleteGroupsResponse>(new DeleteGroupsRequest { GroupsNames = [group] }, 0);
            Assert.That(Error(deleted.Results.Single().ErrorCode), Is.EqualTo(ErrorCode.None));
            Assert.That(Cluster.DescribeGroup(group), Is.Null);
            Assert.That(Cluster.CommittedOffset(group, "orders", 0), Is.Null);
        }
    }
}
