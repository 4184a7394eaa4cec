using System.Diagnostics;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests.Groups;

public class RebalanceTests : GroupTestBase
{
    /// <summary>
    /// A is Stable alone (generation 1); B joins, which starts a rebalance; A learns it from its heartbeat and rejoins;
    /// both get generation 2 and sync. Returns both members' connections and join answers, A first.
    /// </summary>
    private async Task<(RawConnection A, JoinGroupResponse AJoined, RawConnection B, JoinGroupResponse BJoined)> StableTwoMembersAsync(
        string group, int sessionTimeoutMs = SessionTimeoutMs, int rebalanceTimeoutMs = 10_000)
    {
        RawConnection a = await ConnectToCoordinatorAsync(group);
        JoinGroupResponse a1 = await JoinNewMemberAsync(a, Join(group, sessionTimeoutMs: sessionTimeoutMs, rebalanceTimeoutMs: rebalanceTimeoutMs));
        await SyncAsync(a, group, a1, assignments: (a1.MemberId, [1]));

        RawConnection b = await ConnectToCoordinatorAsync(group);
        Task<JoinGroupResponse> b2 = JoinNewMemberAsync(b, Join(group, sessionTimeoutMs: sessionTimeoutMs, rebalanceTimeoutMs: rebalanceTimeoutMs));
        await EventuallyAsync(() => Describe(group).State == "PreparingRebalance", TimeSpan.FromSeconds(5), "B's join started a rebalance");
        Assert.That(await HeartbeatAsync(a, group, a1), Is.EqualTo(ErrorCode.RebalanceInProgress));
        JoinGroupResponse a2 = await JoinAsync(a, Join(group, memberId: a1.MemberId, sessionTimeoutMs: sessionTimeoutMs, rebalanceTimeoutMs: rebalanceTimeoutMs));
        JoinGroupResponse bJoined = await b2;
        Assert.That(a2.GenerationId, Is.EqualTo(2));
        Assert.That(bJoined.GenerationId, Is.EqualTo(2));

        Task<SyncGroupResponse> bSync = SyncAsync(b, group, bJoined);
        SyncGroupResponse aSync = await SyncAsync(a, group, a2, assignments: [(a2.MemberId, [1]), (bJoined.MemberId, [2])]);
        Assert.That(aSync.Assignment.ToArray(), Is.EqualTo(new byte[] { 1 }));
        Assert.That((await bSync).Assignment.ToArray(), Is.EqualTo(new byte[] { 2 }));
        return (a, a2, b, bJoined);
    }

    [Test]
    public async Task A_new_member_rebalances_a_stable_group_and_both_get_the_next_generation()
    {
        string group = NewGroup();
        var (a, aJoined, b, bJoined) = await StableTwoMembersAsync(group);
        await using (a)
        await using (b)
        {
            Assert.That(aJoined.Leader, Is.EqualTo(aJoined.MemberId), "the first member stays leader");
            Assert.That(aJoined.Members, Has.Count.EqualTo(2));
            Assert.That(bJoined.Members, Is.Empty);
            EmbeddedGroupInfo info = Describe(group);
            Assert.That(info.State, Is.EqualTo("Stable"));
            Assert.That(info.GenerationId, Is.EqualTo(2));
            Assert.That(await HeartbeatAsync(b, group, bJoined), Is.EqualTo(ErrorCode.None));
        }
    }

    [Test]
    public async Task A_member_that_stops_heartbeating_is_removed_after_its_session_timeout_and_the_group_rebalances()
    {
        string group = NewGroup();
        var (a, aJoined) = await StableSingleMemberAsync(group, sessionTimeoutMs: 300);
        await using (a)
        {
            var clock = Stopwatch.StartNew();
            await EventuallyAsync(() => Describe(group).Members.Count == 0, TimeSpan.FromSeconds(5), "the silent member expired");
            Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromMilliseconds(200)));
            EmbeddedGroupInfo info = Describe(group);
            Assert.That(info.State, Is.EqualTo("Empty"));
            Assert.That(info.GenerationId, Is.EqualTo(2), "the removal completed a rebalance into an empty generation");
            Assert.That(await HeartbeatAsync(a, group, aJoined), Is.EqualTo(ErrorCode.UnknownMemberId));
        }
    }

    [Test]
    public async Task When_a_member_expires_during_a_rebalance_the_others_get_the_next_generation_without_it()
    {
        string group = NewGroup();
        var (a, aJoined) = await StableSingleMemberAsync(group, sessionTimeoutMs: 1000);
        await using (a)
        {
            await using RawConnection b = await ConnectToCoordinatorAsync(group);
            JoinGroupResponse bJoined = await JoinNewMemberAsync(b, Join(group));
            Assert.That(Error(bJoined.ErrorCode), Is.EqualTo(ErrorCode.None));
            Assert.That(bJoined.GenerationId, Is.EqualTo(2));
            Assert.That(bJoined.Leader, Is.EqualTo(bJoined.MemberId));
            Assert.That(bJoined.Members.Select(m => m.MemberId), Is.EqualTo(new[] { bJoined.MemberId }));
            Assert.That(await HeartbeatAsync(a, group, aJoined), Is.EqualTo(ErrorCode.UnknownMemberId));
        }
    }

    [Test]
    public async Task Heartbeats_keep_a_member_alive_past_its_session_timeout()
    {
        string group = NewGroup();
        var (a, aJoined) = await StableSingleMemberAsync(group, sessionTimeoutMs: 500);
        await using (a)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(1.2))
            {
                Assert.That(await HeartbeatAsync(a, group, aJoined), Is.EqualTo(ErrorCode.None));
                await Task.Delay(50);
            }

            Assert.That(Describe(group).Members.Single().MemberId, Is.EqualTo(aJoined.MemberId));
            Assert.That(Describe(group).GenerationId, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Members_that_do_not_rejoin_within_the_rebalance_timeout_are_removed()
    {
        string group = NewGroup();
        var (a, aJoined) = await StableSingleMemberAsync(group, rebalanceTimeoutMs: 400);
        await using (a)
        {
            // A's session is still alive but it never rejoins; the rebalance waits the members' longest rebalance timeout.
            await using RawConnection b = await ConnectToCoordinatorAsync(group);
            JoinGroupRequest request = Join(group, rebalanceTimeoutMs: 400);
            JoinGroupResponse required = await JoinAsync(b, request);
            request.MemberId = required.MemberId;
            var clock = Stopwatch.StartNew();
            JoinGroupResponse bJoined = await JoinAsync(b, request);
            Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromMilliseconds(300)));
            Assert.That(bJoined.GenerationId, Is.EqualTo(2));
            Assert.That(bJoined.Members.Select(m => m.MemberId), Is.EqualTo(new[] { bJoined.MemberId }));
            Assert.That(await HeartbeatAsync(a, group, aJoined), Is.EqualTo(ErrorCode.UnknownMemberId));
        }
    }

    [Test]
    public async Task LeaveGroup_rebalances_the_group_and_the_last_member_leaving_empties_it()
    {
        string group = NewGroup();
        var (a, aJoined, b, bJoined) = await StableTwoMembersAsync(group);
        await using (a)
        await using (b)
        {
            var left = await b.SendAsync<LeaveGroupResponse>(new LeaveGroupRequest
            {
                GroupId = group,
                Members = [new LeaveGroupRequest.MemberIdentity { MemberId = bJoined.MemberId, Reason = "test" }],
            }, 5);
            Assert.That(Error(left.ErrorCode), Is.EqualTo(ErrorCode.None));
            Assert.That(Error(left.Members.Single().ErrorCode), Is.EqualTo(ErrorCode.None));
            Assert.That(Describe(group).State, Is.EqualTo("PreparingRebalance"));
            Assert.That(await HeartbeatAsync(a, group, aJoined), Is.EqualTo(ErrorCode.RebalanceInProgress));

            JoinGroupResponse aAgain = await JoinAsync(a, Join(group, memberId: aJoined.MemberId));
            Assert.That(aAgain.GenerationId, Is.EqualTo(3));
            Assert.That(aAgain.Members.Select(m => m.MemberId), Is.EqualTo(new[] { aJoined.MemberId }));

            // LeaveGroup v1: one member, its error at the top level.
            var gone = await a.SendAsync<LeaveGroupResponse>(new LeaveGroupRequest { GroupId = group, MemberId = aJoined.MemberId }, 1);
            Assert.That(Error(gone.ErrorCode), Is.EqualTo(ErrorCode.None));
            EmbeddedGroupInfo info = Describe(group);
            Assert.That(info.State, Is.EqualTo("Empty"));
            Assert.That(info.Members, Is.Empty);
            var again = await a.SendAsync<LeaveGroupResponse>(new LeaveGroupRequest { GroupId = group, MemberId = aJoined.MemberId }, 1);
            Assert.That(Error(again.ErrorCode), Is.EqualTo(ErrorCode.UnknownMemberId));
        }
    }

    [Test]
    public async Task A_SyncGroup_waiting_for_the_leader_is_answered_RebalanceInProgress_when_a_rebalance_starts()
    {
        string group = NewGroup();
        var (a, aJoined, b, bJoined) = await StableTwoMembersAsync(group);
        await using (a)
        await using (b)
        {
            // B rejoins with new metadata: generation 3 starts, B syncs first and waits for the leader.
            Task<JoinGroupResponse> bRejoin = JoinAsync(b, Join(group, memberId: bJoined.MemberId, protocols: ("range", Subscription("orders", "refunds"))));
            await EventuallyAsync(() => Describe(group).State == "PreparingRebalance", TimeSpan.FromSeconds(5), "B's new metadata started a rebalance");
            JoinGroupResponse a3 = await JoinAsync(a, Join(group, memberId: aJoined.MemberId));
            JoinGroupResponse b3 = await bRejoin;
            Assert.That(b3.GenerationId, Is.EqualTo(3));
            Task<SyncGroupResponse> bSync = SyncAsync(b, group, b3);
            await EventuallyAsync(() => Describe(group).State == "CompletingRebalance", TimeSpan.FromSeconds(5), "generation 3 waits for SyncGroup");
            Assert.That(Error((await SyncAsync(a, group, new JoinGroupResponse { MemberId = a3.MemberId, GenerationId = 2, ProtocolName = "range" })).ErrorCode),
                Is.EqualTo(ErrorCode.IllegalGeneration));

            // A third member arrives before the leader syncs.
            await using RawConnection c = await ConnectToCoordinatorAsync(group);
            Task<JoinGroupResponse> cJoin = JoinNewMemberAsync(c, Join(group));
            Assert.That(Error((await bSync).ErrorCode), Is.EqualTo(ErrorCode.RebalanceInProgress));
            Assert.That(Error((await SyncAsync(a, group, a3)).ErrorCode), Is.EqualTo(ErrorCode.RebalanceInProgress));
            await Task.WhenAll(JoinAsync(a, Join(group, memberId: a3.MemberId)), JoinAsync(b, Join(group, memberId: b3.MemberId)), cJoin);
            Assert.That(Describe(group).GenerationId, Is.EqualTo(4));
            Assert.That(Describe(group).Members, Has.Count.EqualTo(3));
        }
    }

    [Test]
    public async Task A_commit_during_CompletingRebalance_is_RebalanceInProgress()
    {
        string group = NewGroup();
        await Cluster.CreateTopicAsync("orders");
        await using RawConnection a = await ConnectToCoordinatorAsync(group);
        JoinGroupResponse joined = await JoinNewMemberAsync(a, Join(group));
        var commit = await a.SendAsync<OffsetCommitResponse>(OffsetTests.Commit(group, joined.MemberId, joined.GenerationId, "orders", 0, 5), 9);
        Assert.That(Error(commit.Topics.Single().Partitions.Single().ErrorCode), Is.EqualTo(ErrorCode.RebalanceInProgress));
    }
}
