using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests.Groups;

/// <summary>Static membership (KIP-345): a member with a group.instance.id keeps its place across restarts.</summary>
public class StaticMembershipTests : GroupTestBase
{
    [Test]
    public async Task A_static_member_joins_without_MemberIdRequired_and_its_id_starts_with_the_instance_id()
    {
        string group = NewGroup();
        await using RawConnection connection = await ConnectToCoordinatorAsync(group);
        JoinGroupResponse joined = await JoinAsync(connection, Join(group, instanceId: "instance-1"));
        Assert.That(Error(joined.ErrorCode), Is.EqualTo(ErrorCode.None));
        Assert.That(joined.MemberId, Does.StartWith("instance-1-"));
        Assert.That(joined.Members.Single().GroupInstanceId, Is.EqualTo("instance-1"));
    }

    [Test]
    public async Task A_restarted_static_leader_gets_the_current_generation_without_a_rebalance_and_skips_the_assignment()
    {
        string group = NewGroup();
        var (old, oldJoined) = await StableSingleMemberAsync(group, instanceId: "instance-1");
        await using (old)
        {
            await using RawConnection restarted = await ConnectToCoordinatorAsync(group);
            JoinGroupResponse rejoined = await JoinAsync(restarted, Join(group, instanceId: "instance-1"), version: 9);
            Assert.That(Error(rejoined.ErrorCode), Is.EqualTo(ErrorCode.None));
            Assert.That(rejoined.MemberId, Is.Not.EqualTo(oldJoined.MemberId));
            Assert.That(rejoined.GenerationId, Is.EqualTo(oldJoined.GenerationId), "no rebalance");
            Assert.That(rejoined.Leader, Is.EqualTo(rejoined.MemberId));
            Assert.That(rejoined.SkipAssignment, Is.True);
            Assert.That(Describe(group).State, Is.EqualTo("Stable"));

            SyncGroupResponse synced = await SyncAsync(restarted, group, rejoined);
            Assert.That(synced.Assignment.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }), "the assignment of the previous incarnation");

            // The old incarnation is fenced.
            Assert.That(await HeartbeatAsync(old, group, oldJoined, instanceId: "instance-1"), Is.EqualTo(ErrorCode.FencedInstanceId));
            Assert.That(await HeartbeatAsync(old, group, oldJoined), Is.EqualTo(ErrorCode.UnknownMemberId));
            Assert.That(await HeartbeatAsync(restarted, group, rejoined, instanceId: "instance-1"), Is.EqualTo(ErrorCode.None));
        }
    }

    [Test]
    public async Task Before_JoinGroup_v9_a_restarted_static_member_is_told_the_old_leader_so_it_does_not_reassign()
    {
        string group = NewGroup();
        var (old, oldJoined) = await StableSingleMemberAsync(group, instanceId: "instance-1");
        await using (old)
        {
            await using RawConnection restarted = await ConnectToCoordinatorAsync(group);
            JoinGroupResponse rejoined = await JoinAsync(restarted, Join(group, instanceId: "instance-1"), version: 7);
            Assert.That(Error(rejoined.ErrorCode), Is.EqualTo(ErrorCode.None));
            Assert.That(rejoined.Leader, Is.EqualTo(oldJoined.MemberId));
            Assert.That(rejoined.Members, Is.Empty);
            Assert.That(rejoined.GenerationId, Is.EqualTo(1));
            Assert.That(Describe(group).Members.Single().MemberId, Is.EqualTo(rejoined.MemberId));
        }
    }

    [Test]
    public async Task A_known_instance_id_with_another_member_id_is_FencedInstanceId()
    {
        string group = NewGroup();
        var (connection, joined) = await StableSingleMemberAsync(group, instanceId: "instance-1");
        await using (connection)
        {
            JoinGroupResponse fenced = await JoinAsync(connection, Join(group, memberId: "instance-1-impostor", instanceId: "instance-1"));
            Assert.That(Error(fenced.ErrorCode), Is.EqualTo(ErrorCode.FencedInstanceId));
            var sync = await SyncAsync(connection, group, new JoinGroupResponse { MemberId = joined.MemberId, GenerationId = 1, ProtocolName = "range" });
            Assert.That(Error(sync.ErrorCode), Is.EqualTo(ErrorCode.None));
            var unknownInstance = await connection.SendAsync<SyncGroupResponse>(new SyncGroupRequest
            {
                GroupId = group, GenerationId = 1, MemberId = joined.MemberId, GroupInstanceId = "instance-2", ProtocolType = "consumer", ProtocolName = "range",
            }, 5);
            Assert.That(Error(unknownInstance.ErrorCode), Is.EqualTo(ErrorCode.UnknownMemberId));
        }
    }

    [Test]
    public async Task LeaveGroup_by_instance_id_alone_removes_the_static_member_and_rebalances()
    {
        string group = NewGroup();
        var (connection, joined) = await StableSingleMemberAsync(group, instanceId: "instance-1");
        await using (connection)
        {
            var left = await connection.SendAsync<LeaveGroupResponse>(new LeaveGroupRequest
            {
                GroupId = group,
                Members =
                [
                    new LeaveGroupRequest.MemberIdentity { MemberId = "", GroupInstanceId = "instance-1" },
                    new LeaveGroupRequest.MemberIdentity { MemberId = "", GroupInstanceId = "instance-9" },
                ],
            }, 4);
            Assert.That(Error(left.ErrorCode), Is.EqualTo(ErrorCode.None));
            Assert.That(left.Members.Select(m => (m.GroupInstanceId, Error(m.ErrorCode))), Is.EqualTo(new[]
            {
                ("instance-1", ErrorCode.None),
                ("instance-9", ErrorCode.UnknownMemberId),
            }));
            EmbeddedGroupInfo info = Describe(group);
            Assert.That(info.State, Is.EqualTo("Empty"));
            Assert.That(info.GenerationId, Is.EqualTo(2));
            Assert.That(await HeartbeatAsync(connection, group, joined, instanceId: "instance-1"), Is.EqualTo(ErrorCode.UnknownMemberId));
        }
    }
}
