using Kafka.Client.Consuming.Assignment;
using static Kafka.Client.Tests.Assignment.Groups;

namespace Kafka.Client.Tests.Assignment;

/// <summary>
/// Every built-in assignor on random groups: 1-20 members, 1-5 topics of 1-50 partitions, random subscriptions
/// (sometimes all equal), random static ids, and random previous ownership with stale, missing and conflicting claims.
/// The leader's checks run on every result (every member present, no partition twice, only existing partitions of
/// subscribed topics, and for the cooperative protocol no partition handed over before its owner revoked it).
/// </summary>
public class AssignorPropertyTests
{
    private const int GroupCount = 300;
    private const int CurrentGeneration = 7;

    private static IEnumerable<PartitionAssignmentStrategy> Strategies() => Enum.GetValues<PartitionAssignmentStrategy>();

    [TestCaseSource(nameof(Strategies))]
    public void Every_subscribed_partition_is_assigned_once_to_a_subscriber(PartitionAssignmentStrategy strategy)
    {
        for (int seed = 0; seed < GroupCount; seed++)
        {
            IPartitionAssignor assignor = PartitionAssignors.Create(strategy);
            RandomGroup group = RandomGroup.Create(new Random(seed), assignor);
            var first = Assign(assignor, group.PartitionCounts, [.. group.Members]);
            string context = $"seed {seed}, {group}\nfirst round: {Describe(first)}";

            HashSet<TopicPartition> expected = group.SubscribedPartitions();
            if (assignor.Protocol == RebalanceProtocol.Cooperative)
            {
                AssertNothingTakenFromAnOwner(group.Members, first, context);
                Assert.That(first.Values.SelectMany(p => p).ToHashSet(), Is.SubsetOf(expected), context);

                // Follow-up rebalances: every member owns what it got, and what was held back is now free.
                (var settled, int followUps) = Settle(assignor, group, first, ref context);
                AssertExactlyOnce(settled, expected, context);
                AssertBalanced(group.Members, settled, context);

                // With equal subscriptions one follow-up always completes the assignment: nobody owns more than its
                // quota then. With unequal ones the general algorithm may move owned partitions again in the follow-up
                // (Java's does so in about half of such groups, ours in about a fifth), and Java's own test allows
                // four follow-ups; Settle fails the test beyond that.
                if (group.EqualSubscriptions)
                {
                    Assert.That(followUps, Is.LessThanOrEqualTo(1), context);
                }
            }
            else
            {
                AssertExactlyOnce(first, expected, context);
                if (strategy == PartitionAssignmentStrategy.Sticky)
                {
                    AssertBalanced(group.Members, first, context);
                }
            }
        }
    }

    [TestCaseSource(nameof(Strategies))]
    public void Equal_subscriptions_give_counts_that_differ_by_at_most_one(PartitionAssignmentStrategy strategy)
    {
        for (int seed = 0; seed < GroupCount; seed++)
        {
            IPartitionAssignor assignor = PartitionAssignors.Create(strategy);
            RandomGroup group = RandomGroup.Create(new Random(seed), assignor, equalSubscriptions: true);
            var result = Assign(assignor, group.PartitionCounts, [.. group.Members]);
            if (assignor.Protocol == RebalanceProtocol.Cooperative)
            {
                result = Assign(assignor, group.PartitionCounts, [.. group.NextRound(assignor, result)]);
            }

            // Range balances per topic, so across topics its counts may differ by more.
            if (strategy != PartitionAssignmentStrategy.Range)
            {
                int[] counts = [.. result.Values.Select(p => p.Count)];
                Assert.That(counts.Max() - counts.Min(), Is.LessThanOrEqualTo(1), $"seed {seed}, {group}\n{Describe(result)}");
            }
        }
    }

    [TestCase(PartitionAssignmentStrategy.Sticky)]
    [TestCase(PartitionAssignmentStrategy.CooperativeSticky)]
    public void A_settled_group_keeps_every_partition_where_it_is(PartitionAssignmentStrategy strategy)
    {
        for (int seed = 0; seed < GroupCount; seed++)
        {
            IPartitionAssignor assignor = PartitionAssignors.Create(strategy);
            RandomGroup group = RandomGroup.Create(new Random(seed), assignor);
            var result = Assign(assignor, group.PartitionCounts, [.. group.Members]);
            string context = $"seed {seed}, {group}";
            (result, _) = Settle(assignor, group, result, ref context);

            var again = Assign(assignor, group.PartitionCounts, [.. group.NextRound(assignor, result, generation: CurrentGeneration + 10)]);

            foreach ((string memberId, List<TopicPartition> partitions) in result)
            {
                Assert.That(again[memberId], Is.EquivalentTo(partitions), $"seed {seed}, {group}\nbefore: {Describe(result)}\nafter: {Describe(again)}");
            }
        }
    }

    [TestCase(PartitionAssignmentStrategy.Sticky)]
    [TestCase(PartitionAssignmentStrategy.CooperativeSticky)]
    public void A_large_group_with_one_odd_subscription_is_assigned_and_reassigned_in_seconds(PartitionAssignmentStrategy strategy)
    {
        // A tenth of Java's testLargeAssignmentAndGroupWithNonEqualSubscription (1,000,000 partitions, 2,000 members),
        // which runs in a few seconds here too.
        var counts = new Dictionary<string, int>();
        for (int t = 0; t < 100; t++)
        {
            counts[$"topic-{t:D3}"] = 1_000;
        }

        string[] all = [.. counts.Keys];
        IPartitionAssignor assignor = PartitionAssignors.Create(strategy);
        GroupMemberSubscription[] members =
            [.. Enumerable.Range(0, 1_000).Select(i => Member($"member-{i:D4}", i == 999 ? all[..1] : all))];
        var first = Assign(assignor, counts, members);

        // One member restarts without its partitions; the others keep theirs.
        var second = Assign(assignor, counts,
            [.. members.Select((m, i) => MemberFor(assignor, m.MemberId, [.. m.Topics], i == 0 ? [] : first[m.MemberId], 1))]);

        Assert.Multiple(() =>
        {
            Assert.That(first.Values.Sum(p => p.Count), Is.EqualTo(100_000));
            Assert.That(second.Values.Sum(p => p.Count), Is.LessThanOrEqualTo(100_000));
            Assert.That(second["member-0500"], Is.SupersetOf(first["member-0500"]));
        });
    }

    /// <summary>Follow-up rebalances, each member owning what it got, until every subscribed partition is assigned (at most four, Java's bound; the caller checks completeness).</summary>
    private static (Dictionary<string, List<TopicPartition>> Settled, int FollowUps) Settle(
        IPartitionAssignor assignor, RandomGroup group, Dictionary<string, List<TopicPartition>> assignment, ref string context)
    {
        const int MaxFollowUps = 4;
        HashSet<TopicPartition> expected = group.SubscribedPartitions();
        int followUps = 0;
        while (assignment.Values.Sum(p => p.Count) < expected.Count && followUps < MaxFollowUps)
        {
            followUps++;
            GroupMemberSubscription[] members = [.. group.NextRound(assignor, assignment, CurrentGeneration + followUps)];
            assignment = Assign(assignor, group.PartitionCounts, members);
            context += $"\nfollow-up {followUps}: {Describe(assignment)}";
            AssertNothingTakenFromAnOwner(members, assignment, context);
        }

        return (assignment, followUps);
    }

    private static void AssertExactlyOnce(Dictionary<string, List<TopicPartition>> assignment, HashSet<TopicPartition> expected, string context)
    {
        List<TopicPartition> all = [.. assignment.Values.SelectMany(p => p)];
        Assert.Multiple(() =>
        {
            Assert.That(all, Is.Unique, context);
            Assert.That(all, Is.EquivalentTo(expected), context);
        });
    }

    /// <summary>A member gets no partition it didn't own while another member claims it (the claimant would lose it in the same round).</summary>
    private static void AssertNothingTakenFromAnOwner(
        IReadOnlyList<GroupMemberSubscription> members, Dictionary<string, List<TopicPartition>> assignment, string context)
    {
        foreach (GroupMemberSubscription member in members)
        {
            foreach (TopicPartition partition in assignment[member.MemberId].Except(member.OwnedPartitions))
            {
                GroupMemberSubscription? owner = members.FirstOrDefault(m => m.OwnedPartitions.Contains(partition));
                Assert.That(owner, Is.Null, $"{partition} went to {member.MemberId} though {owner?.MemberId} owns it; {context}");
            }
        }
    }

    /// <summary>
    /// Java's <c>verifyValidityAndBalance</c>: two members whose counts differ by more than one share no topic in their
    /// assignments, and members with the same subscriptions differ by at most one.
    /// </summary>
    private static void AssertBalanced(
        IReadOnlyList<GroupMemberSubscription> members, Dictionary<string, List<TopicPartition>> assignment, string context)
    {
        foreach (GroupMemberSubscription a in members)
        {
            foreach (GroupMemberSubscription b in members)
            {
                List<TopicPartition> more = assignment[a.MemberId];
                List<TopicPartition> less = assignment[b.MemberId];
                if (more.Count <= less.Count + 1)
                {
                    continue;
                }

                Assert.That(a.Topics.ToHashSet().SetEquals(b.Topics), Is.False,
                    $"{a.MemberId} has {more.Count} and {b.MemberId} {less.Count} with the same subscriptions; {context}");
                Assert.That(more.Select(tp => tp.Topic).Intersect(less.Select(tp => tp.Topic)), Is.Empty,
                    $"{a.MemberId} ({more.Count}) could give {b.MemberId} ({less.Count}) a partition; {context}");
            }
        }
    }

    /// <summary>A random group and its previous ownership.</summary>
    private sealed record RandomGroup(Dictionary<string, int> PartitionCounts, List<GroupMemberSubscription> Members)
    {
        public bool EqualSubscriptions => Members.All(m => m.Topics.ToHashSet().SetEquals(Members[0].Topics));

        public static RandomGroup Create(Random random, IPartitionAssignor assignor, bool equalSubscriptions = false)
        {
            int topicCount = random.Next(1, 6);
            var counts = new Dictionary<string, int>();
            for (int t = 0; t < topicCount; t++)
            {
                counts[$"topic-{t}"] = random.Next(1, 51);
            }

            string[] topics = [.. counts.Keys];
            equalSubscriptions |= random.Next(2) == 0;
            string[] shared = RandomSubset(random, topics);
            int memberCount = random.Next(1, 21);
            var memberTopics = new List<string[]>();
            for (int m = 0; m < memberCount; m++)
            {
                string[] subscribed = equalSubscriptions ? shared : RandomSubset(random, topics);

                // Now and then a topic that doesn't exist (yet).
                memberTopics.Add(random.Next(10) == 0 ? [.. subscribed, "missing"] : subscribed);
            }

            // Previous owners: most partitions have one, some two (a conflict), some none; claims may be stale.
            var claims = new List<TopicPartition>[memberCount];
            for (int m = 0; m < memberCount; m++)
            {
                claims[m] = [];
            }

            foreach ((string topic, int count) in counts)
            {
                for (int p = 0; p < count; p++)
                {
                    int roll = random.Next(10);
                    int owners = roll < 2 ? 0 : roll < 9 ? 1 : 2;
                    for (int o = 0; o < owners; o++)
                    {
                        claims[random.Next(memberCount)].Add(new TopicPartition(topic, p));
                    }
                }
            }

            var members = new List<GroupMemberSubscription>();
            for (int m = 0; m < memberCount; m++)
            {
                int roll = random.Next(10);
                int generation = roll == 0 ? -1 : roll == 1 ? CurrentGeneration - 2 : roll == 2 ? CurrentGeneration - 1 : CurrentGeneration;
                string memberId = $"member-{random.Next(1000):D3}-{m}";
                GroupMemberSubscription member = MemberFor(assignor, memberId, memberTopics[m], claims[m].Distinct().ToList(), generation);
                members.Add(random.Next(4) == 0 ? With(member, instanceId: $"instance-{random.Next(1000)}-{m}") : member);
            }

            return new RandomGroup(counts, members);
        }

        /// <summary>Every existing partition of a topic some member subscribes to.</summary>
        public HashSet<TopicPartition> SubscribedPartitions()
        {
            var partitions = new HashSet<TopicPartition>();
            foreach (string topic in Members.SelectMany(m => m.Topics).Distinct())
            {
                for (int p = 0; p < PartitionCounts.GetValueOrDefault(topic); p++)
                {
                    partitions.Add(new TopicPartition(topic, p));
                }
            }

            return partitions;
        }

        /// <summary>The same members rejoining, each owning what it was assigned.</summary>
        public IEnumerable<GroupMemberSubscription> NextRound(
            IPartitionAssignor assignor, Dictionary<string, List<TopicPartition>> assignment, int generation = CurrentGeneration + 1) =>
            Members.Select(m => With(MemberFor(assignor, m.MemberId, [.. m.Topics], assignment[m.MemberId], generation), m.GroupInstanceId));

        public override string ToString() =>
            $"partitions {string.Join(",", PartitionCounts.Select(e => $"{e.Key}={e.Value}"))}; members " +
            string.Join(" ", Members.Select(m =>
                $"[{m.MemberId} gen {m.GenerationId} topics {string.Join(",", m.Topics)} owns {m.OwnedPartitions.Count}{(m.UserData.IsEmpty ? "" : " +userdata")}]"));

        private static string[] RandomSubset(Random random, string[] topics)
        {
            string[] subset = [.. topics.Where(_ => random.Next(2) == 0)];
            return subset.Length > 0 ? subset : [topics[random.Next(topics.Length)]];
        }

        private static GroupMemberSubscription With(GroupMemberSubscription member, string? instanceId) =>
            new()
            {
                MemberId = member.MemberId,
                GroupInstanceId = instanceId,
                Topics = member.Topics,
                OwnedPartitions = member.OwnedPartitions,
                GenerationId = member.GenerationId,
                RackId = member.RackId,
                UserData = member.UserData,
            };
    }
}
