using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests.Groups;

/// <summary>A new group waits <c>group.initial.rebalance.delay.ms</c> for more members before its first generation.</summary>
public class InitialRebalanceTests : GroupTestBase
{
    protected override EmbeddedKafkaClusterOptions Options => new() { Brokers = 3, GroupMinSessionTimeoutMs = 100, GroupInitialRebalanceDelayMs = 500 };

    [Test]
    public async Task Three_members_form_one_generation_where_the_leader_assigns_and_followers_wait_for_it()
    {
        string group = NewGroup();
        RawConnection[] connections = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ConnectToCoordinatorAsync(group)));
        try
        {
            byte[][] metadata = [Subscription("a"), Subscription("b"), Subscription("c")];
            JoinGroupResponse[] joined = await Task.WhenAll(connections.Select((c, i) => JoinNewMemberAsync(c, Join(group, protocols: ("range", metadata[i])))));

            Assert.That(joined.Select(j => Error(j.ErrorCode)), Is.All.EqualTo(ErrorCode.None));
            Assert.That(joined.Select(j => j.GenerationId), Is.All.EqualTo(1));
            string leader = joined[0].Leader;
            Assert.That(joined.Select(j => j.Leader), Is.All.EqualTo(leader));
            Assert.That(joined.Select(j => j.MemberId).Distinct().Count(), Is.EqualTo(3));
            JoinGroupResponse leaderJoin = joined.Single(j => j.MemberId == leader);
            Assert.That(leaderJoin.Members.Select(m => m.MemberId), Is.EquivalentTo(joined.Select(j => j.MemberId)));
            for (int i = 0; i < 3; i++)
            {
                Assert.That(leaderJoin.Members.Single(m => m.MemberId == joined[i].MemberId).Metadata.ToArray(), Is.EqualTo(metadata[i]));
            }

            Assert.That(joined.Where(j => j.MemberId != leader).SelectMany(j => j.Members), Is.Empty);
            Assert.That(Describe(group).State, Is.EqualTo("CompletingRebalance"));

            // Followers sync first and wait for the leader's assignment.
            int[] followers = [.. Enumerable.Range(0, 3).Where(i => joined[i].MemberId != leader)];
            Task<SyncGroupResponse>[] waiting = [.. followers.Select(i => SyncAsync(connections[i], group, joined[i]))];
            await Task.WhenAny(Task.WhenAll(waiting), Task.Delay(200));
            Assert.That(waiting.Any(t => t.IsCompleted), Is.False, "followers must wait for the leader's SyncGroup");

            int leaderIndex = Array.FindIndex(joined, j => j.MemberId == leader);
            SyncGroupResponse leaderSync = await SyncAsync(
                connections[leaderIndex], group, leaderJoin, assignments: [.. joined.Select((j, i) => (j.MemberId, new[] { (byte)i }))]);
            Assert.That(leaderSync.Assignment.ToArray(), Is.EqualTo(new[] { (byte)leaderIndex }));
            SyncGroupResponse[] synced = await Task.WhenAll(waiting);
            for (int k = 0; k < followers.Length; k++)
            {
                Assert.That(Error(synced[k].ErrorCode), Is.EqualTo(ErrorCode.None));
                Assert.That(synced[k].Assignment.ToArray(), Is.EqualTo(new[] { (byte)followers[k] }));
            }

            Assert.That(Describe(group).State, Is.EqualTo("Stable"));
        }
        finally
        {
            foreach (RawConnection connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
