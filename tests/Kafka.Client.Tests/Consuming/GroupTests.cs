using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Consuming;

/// <summary>Groups of our consumers: assignments stay disjoint and complete as members come, go, crash and stall.</summary>
public class GroupTests : ConsumerTestBase
{
    private const string Topic = "shared";
    private static readonly TopicPartition[] AllPartitions = [.. Enumerable.Range(0, 6).Select(p => new TopicPartition(Topic, p))];

    protected override EmbeddedKafkaClusterOptions ClusterOptions => new() { Brokers = 3, AutoCreateTopics = false, GroupMinSessionTimeoutMs = 500 };

    private ConsumerOptions MemberOptions(string group, PartitionAssignmentStrategy strategy, string? instanceId = null) => ConsumerOptions(group, o =>
    {
        o.PartitionAssignmentStrategy = [strategy];
        o.SessionTimeoutMs = 2_000;
        o.HeartbeatIntervalMs = 100;
        o.MaxPollIntervalMs = 3_000;
        o.GroupInstanceId = instanceId;
        o.AutoCommitIntervalMs = 200;
    });

    [TestCase(PartitionAssignmentStrategy.Range)]
    [TestCase(PartitionAssignmentStrategy.RoundRobin)]
    [TestCase(PartitionAssignmentStrategy.Sticky)]
    [TestCase(PartitionAssignmentStrategy.CooperativeSticky)]
    public async Task Three_members_share_six_partitions_through_join_leave_crash_and_stall(PartitionAssignmentStrategy strategy)
    {
        await Cluster.CreateTopicAsync(Topic, partitions: 6, replicationFactor: 3);
        string group = $"g-{strategy}";
        var members = new List<GroupMemberRunner>
        {
            new GroupMemberRunner("a", MemberOptions(group, strategy), Topic).Start(),
            new GroupMemberRunner("b", MemberOptions(group, strategy), Topic).Start(),
        };
        try
        {
            await WaitForBalancedAsync(members, strategy);

            // A third member joins.
            members.Add(new GroupMemberRunner("c", MemberOptions(group, strategy), Topic).Start());
            await WaitForBalancedAsync(members, strategy);

            // One leaves cleanly.
            GroupMemberRunner leaving = members[0];
            members.RemoveAt(0);
            await leaving.DisposeAsync();
            await WaitForBalancedAsync(members, strategy);

            // A static member joins and then crashes: no LeaveGroup, its session times out.
            GroupMemberRunner crashing = new GroupMemberRunner("static", MemberOptions(group, strategy, instanceId: "static-1"), Topic).Start();
            members.Add(crashing);
            await WaitForBalancedAsync(members, strategy);
            members.Remove(crashing);
            await crashing.DisposeAsync();
            await WaitForBalancedAsync(members, strategy);

            // One stalls: it stops asking for records and leaves after max.poll.interval.ms.
            GroupMemberRunner stalling = members[0];
            await stalling.StallAsync();
            members.RemoveAt(0);
            await WaitForBalancedAsync(members, strategy);
            await stalling.Consumer.DisposeAsync();
        }
        finally
        {
            foreach (GroupMemberRunner member in members)
            {
                await member.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task A_static_member_that_restarts_within_its_session_gets_its_partitions_back_without_a_rebalance()
    {
        await Cluster.CreateTopicAsync(Topic, partitions: 6, replicationFactor: 3);
        const string group = "static-group";
        var members = new List<GroupMemberRunner>
        {
            new GroupMemberRunner("a", MemberOptions(group, PartitionAssignmentStrategy.Range, instanceId: "a"), Topic).Start(),
            new GroupMemberRunner("b", MemberOptions(group, PartitionAssignmentStrategy.Range, instanceId: "b"), Topic).Start(),
        };
        try
        {
            await WaitForBalancedAsync(members);
            IReadOnlyList<TopicPartition> before = members[0].Consumer.Assignment;
            int generation = Cluster.DescribeGroup(group)!.GenerationId;
            members[1].ClearEvents();

            // "a" goes away without leaving (static members never send LeaveGroup) and comes back with the same id.
            await members[0].DisposeAsync();
            members[0] = new GroupMemberRunner("a again", MemberOptions(group, PartitionAssignmentStrategy.Range, instanceId: "a"), Topic).Start();
            await WaitForBalancedAsync(members);

            Assert.That(members[0].Consumer.Assignment, Is.EquivalentTo(before), "the same partitions as before the restart");
            Assert.That(members[1].Revoked, Is.Empty, "the other member was not disturbed");
            Assert.That(Cluster.DescribeGroup(group)!.GenerationId, Is.EqualTo(generation), "no rebalance (KIP-345)");
        }
        finally
        {
            foreach (GroupMemberRunner member in members)
            {
                await member.DisposeAsync();
            }
        }
    }

    /// <summary>Waits until the members' assignments are disjoint, cover all six partitions, and each member has some.</summary>
    private static async Task WaitForBalancedAsync(List<GroupMemberRunner> members, PartitionAssignmentStrategy strategy)
    {
        await WaitForBalancedAsync(members);
        if (strategy == PartitionAssignmentStrategy.CooperativeSticky)
        {
            AssertOnlyMovedPartitionsWereRevoked(members);
        }

        members.ForEach(m => m.ClearEvents());
    }

    private static async Task WaitForBalancedAsync(List<GroupMemberRunner> members)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        int stableFor = 0;
        while (DateTime.UtcNow < deadline)
        {
            var assignments = members.Select(m => m.Consumer.Assignment).ToList();
            var all = assignments.SelectMany(a => a).ToList();
            bool balanced = all.Count == AllPartitions.Length && all.Distinct().Count() == all.Count
                && assignments.All(a => a.Count >= 6 / members.Count && a.Count <= (6 + members.Count - 1) / members.Count);
            stableFor = balanced ? stableFor + 1 : 0;
            if (stableFor >= 3)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"The group did not settle: {string.Join("; ", members)}");
    }

    /// <summary>Cooperative rebalancing: in the last rebalance, a member gave up only partitions that moved to another member.</summary>
    private static void AssertOnlyMovedPartitionsWereRevoked(List<GroupMemberRunner> members)
    {
        foreach (GroupMemberRunner member in members)
        {
            IReadOnlyList<TopicPartition> kept = member.Consumer.Assignment;
            Assert.That(member.Revoked.Intersect(kept), Is.Empty,
                $"{member.Name} was revoked partitions it still owns: revoked [{string.Join(", ", member.Revoked)}], owns [{string.Join(", ", kept)}]");
        }
    }
}
