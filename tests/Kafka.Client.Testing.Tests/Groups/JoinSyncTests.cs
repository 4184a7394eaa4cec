using System.Text;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests.Groups;

public class JoinSyncTests : GroupTestBase
{
    [Test]
    public async Task A_member_without_id_gets_MemberIdRequired_with_its_id_and_joins_with_it()
    {
        string group = NewGroup();
        await using RawConnection connection = await ConnectToCoordinatorAsync(group);
        JoinGroupResponse first = await JoinAsync(connection, Join(group), version: 4);
        Assert.That(Error(first.ErrorCode), Is.EqualTo(ErrorCode.MemberIdRequired));
        Assert.That(first.MemberId, Does.StartWith("raw-test-"));
        Assert.That(Guid.TryParse(first.MemberId["raw-test-".Length..], out _), Is.True, first.MemberId);

        JoinGroupResponse second = await JoinAsync(connection, Join(group, memberId: first.MemberId), version: 4);
        Assert.That(Error(second.ErrorCode), Is.EqualTo(ErrorCode.None));
        Assert.That(second.MemberId, Is.EqualTo(first.MemberId));
        Assert.That(second.GenerationId, Is.EqualTo(1));
    }

    [Test]
    public async Task JoinGroup_v3_admits_a_member_without_id_at_once()
    {
        string group = NewGroup();
        await using RawConnection connection = await ConnectToCoordinatorAsync(group);
        JoinGroupResponse joined = await JoinAsync(connection, Join(group), version: 3);
        Assert.That(Error(joined.ErrorCode), Is.EqualTo(ErrorCode.None));
        Assert.That(joined.Leader, Is.EqualTo(joined.MemberId));
        Assert.That(joined.ProtocolName, Is.EqualTo("range"));
    }

    [Test]
    public async Task A_single_member_leads_gets_its_own_metadata_and_its_assignment()
    {
        string group = NewGroup();
        byte[] metadata = Subscription("orders", "payments");
        await using RawConnection connection = await ConnectToCoordinatorAsync(group);
        JoinGroupResponse joined = await JoinNewMemberAsync(connection, Join(group, protocols: ("range", metadata)));
        Assert.That(joined.Leader, Is.EqualTo(joined.MemberId));
        Assert.That(joined.ProtocolType, Is.EqualTo("consumer"));
        Assert.That(joined.Members.Single().MemberId, Is.EqualTo(joined.MemberId));
        Assert.That(joined.Members.Single().Metadata.ToArray(), Is.EqualTo(metadata));

        SyncGroupResponse synced = await SyncAsync(connection, group, joined, assignments: (joined.MemberId, [7, 8, 9]));
        Assert.That(Error(synced.ErrorCode), Is.EqualTo(ErrorCode.None));
        Assert.That(synced.Assignment.ToArray(), Is.EqualTo(new byte[] { 7, 8, 9 }));
        Assert.That(synced.ProtocolName, Is.EqualTo("range"));

        EmbeddedGroupInfo info = Describe(group);
        Assert.That(info.State, Is.EqualTo("Stable"));
        Assert.That(info.GenerationId, Is.EqualTo(1));
        Assert.That(info.Members.Single().Assignment.ToArray(), Is.EqualTo(new byte[] { 7, 8, 9 }));
    }

    [Test]
    public async Task Heartbeats_of_a_stable_member_succeed_and_a_stale_generation_is_IllegalGeneration()
    {
        string group = NewGroup();
        var (connection, joined) = await StableSingleMemberAsync(group);
        await using (connection)
        {
            Assert.That(await HeartbeatAsync(connection, group, joined), Is.EqualTo(ErrorCode.None));
            Assert.That(await HeartbeatAsync(connection, group, joined), Is.EqualTo(ErrorCode.None));
            Assert.That(await HeartbeatAsync(connection, group, joined, generation: joined.GenerationId - 1), Is.EqualTo(ErrorCode.IllegalGeneration));
            Assert.That(
                await HeartbeatAsync(connection, group, new JoinGroupResponse { MemberId = "nobody", GenerationId = joined.GenerationId }),
                Is.EqualTo(ErrorCode.UnknownMemberId));
        }
    }

    [Test]
    public async Task SyncGroup_with_a_wrong_generation_is_IllegalGeneration_and_from_a_stranger_UnknownMemberId()
    {
        string group = NewGroup();
        await using RawConnection connection = await ConnectToCoordinatorAsync(group);
        JoinGroupResponse joined = await JoinNewMemberAsync(connection, Join(group));

        var stale = new JoinGroupResponse { MemberId = joined.MemberId, GenerationId = joined.GenerationId + 1, ProtocolName = "range" };
        Assert.That(Error((await SyncAsync(connection, group, stale)).ErrorCode), Is.EqualTo(ErrorCode.IllegalGeneration));

        var stranger = new JoinGroupResponse { MemberId = "stranger", GenerationId = joined.GenerationId, ProtocolName = "range" };
        Assert.That(Error((await SyncAsync(connection, group, stranger)).ErrorCode), Is.EqualTo(ErrorCode.UnknownMemberId));

        var otherProtocol = new JoinGroupResponse { MemberId = joined.MemberId, GenerationId = joined.GenerationId, ProtocolName = "roundrobin" };
        Assert.That(Error((await SyncAsync(connection, group, otherProtocol)).ErrorCode), Is.EqualTo(ErrorCode.InconsistentGroupProtocol));

        string unknownGroup = NewGroup();
        await using RawConnection other = await ConnectToCoordinatorAsync(unknownGroup);
        Assert.That(Error((await SyncAsync(other, unknownGroup, joined)).ErrorCode), Is.EqualTo(ErrorCode.UnknownMemberId));
    }

    [Test]
    public async Task A_session_timeout_outside_the_broker_limits_is_InvalidSessionTimeout()
    {
        string group = NewGroup();
        await using RawConnection connection = await ConnectToCoordinatorAsync(group);
        JoinGroupResponse tooShort = await JoinAsync(connection, Join(group, sessionTimeoutMs: 50));
        Assert.That(Error(tooShort.ErrorCode), Is.EqualTo(ErrorCode.InvalidSessionTimeout));
        JoinGroupResponse tooLong = await JoinAsync(connection, Join(group, sessionTimeoutMs: 1_800_001));
        Assert.That(Error(tooLong.ErrorCode), Is.EqualTo(ErrorCode.InvalidSessionTimeout));
    }

    [Test]
    public async Task A_member_of_another_protocol_type_is_InconsistentGroupProtocol()
    {
        string group = NewGroup();
        var (connection, _) = await StableSingleMemberAsync(group);
        await using (connection)
        {
            await using RawConnection other = await ConnectToCoordinatorAsync(group);
            JoinGroupRequest connect = Join(group);
            connect.ProtocolType = "connect";
            JoinGroupResponse refused = await JoinAsync(other, connect);
            Assert.That(Error(refused.ErrorCode), Is.EqualTo(ErrorCode.InconsistentGroupProtocol));
        }
    }

    [Test]
    public async Task The_protocol_is_the_one_all_members_support_with_the_most_votes()
    {
        string group = NewGroup();
        byte[] meta = Encoding.UTF8.GetBytes("m");
        await using RawConnection first = await ConnectToCoordinatorAsync(group);
        await using RawConnection second = await ConnectToCoordinatorAsync(group);

        // Everybody speaks range and roundrobin; only the first member also speaks sticky, so sticky is no candidate.
        (string, byte[])[] prefersRoundRobin = [("roundrobin", meta), ("sticky", meta), ("range", meta)];
        (string, byte[])[] prefersRange = [("range", meta), ("roundrobin", meta)];
        JoinGroupResponse a = await JoinNewMemberAsync(first, Join(group, protocols: prefersRoundRobin));
        Assert.That(a.ProtocolName, Is.EqualTo("roundrobin"));
        await SyncAsync(first, group, a, assignments: (a.MemberId, meta));

        JoinGroupResponse required = await JoinAsync(second, Join(group, protocols: prefersRange));
        Task<JoinGroupResponse> b = JoinAsync(second, Join(group, memberId: required.MemberId, protocols: prefersRange));
        await EventuallyAsync(() => Describe(group).State == "PreparingRebalance", TimeSpan.FromSeconds(5), "the second member started a rebalance");
        Assert.That(await HeartbeatAsync(first, group, a), Is.EqualTo(ErrorCode.RebalanceInProgress));

        // A third member preferring range tips the vote: two votes for range against one for roundrobin.
        await using RawConnection third = await ConnectToCoordinatorAsync(group);
        JoinGroupResponse thirdRequired = await JoinAsync(third, Join(group, protocols: prefersRange));
        Task<JoinGroupResponse> c = JoinAsync(third, Join(group, memberId: thirdRequired.MemberId, protocols: prefersRange));
        JoinGroupResponse aAgain = await JoinAsync(first, Join(group, memberId: a.MemberId, protocols: prefersRoundRobin));
        JoinGroupResponse[] all = [aAgain, await b, await c];
        Assert.That(all.Select(r => Error(r.ErrorCode)), Is.All.EqualTo(ErrorCode.None));
        Assert.That(all.Select(r => r.ProtocolName), Is.All.EqualTo("range"));
        Assert.That(all.Select(r => r.GenerationId), Is.All.EqualTo(2));
    }
}
