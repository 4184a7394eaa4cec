using static Kafka.Client.Tests.Assignment.Groups;

namespace Kafka.Client.Tests.Assignment;

/// <summary>
/// What <c>sticky</c> and <c>cooperative-sticky</c> share, on the Java client's AbstractStickyAssignorTest cases.
/// An eager member carries its claim in the user data, a cooperative one in the subscription's owned partitions.
/// </summary>
[TestFixture(typeof(StickyAssignor))]
[TestFixture(typeof(CooperativeStickyAssignor))]
public class StickyBehaviourTests<TAssignor>
    where TAssignor : IPartitionAssignor, new()
{
    private const int Generation = 10;
    private static readonly string[] BothTopics = ["t1", "t2"];
    private readonly TAssignor _assignor = new();

    private GroupMemberSubscription Claiming(string memberId, string[] topics, int generation, params TopicPartition[] owned) =>
        MemberFor(_assignor, memberId, topics, owned, generation);

    [Test]
    public void A_new_group_gets_partitions_round_robin_in_member_order()
    {
        var result = Assign(_assignor, new() { ["t1"] = 3, ["t2"] = 3 },
            Claiming("c1", BothTopics, -1), Claiming("c2", BothTopics, -1));

        Assert.Multiple(() =>
        {
            Assert.That(Sorted(result["c1"]), Is.EqualTo(Partitions(Tp("t1", 0), Tp("t1", 2), Tp("t2", 1))));
            Assert.That(Sorted(result["c2"]), Is.EqualTo(Partitions(Tp("t1", 1), Tp("t2", 0), Tp("t2", 2))));
        });
    }

    [Test]
    public void Mixed_subscriptions_place_the_partitions_with_fewest_candidates_first()
    {
        var result = Assign(_assignor, new() { ["t1"] = 3, ["t2"] = 2 },
            Claiming("c1", ["t1"], -1), Claiming("c2", BothTopics, -1), Claiming("c3", ["t1"], -1));

        Assert.Multiple(() =>
        {
            Assert.That(Sorted(result["c1"]), Is.EqualTo(Partitions(Tp("t1", 0), Tp("t1", 2))));
            Assert.That(Sorted(result["c2"]), Is.EqualTo(Partitions(Tp("t2", 0), Tp("t2", 1))));
            Assert.That(Sorted(result["c3"]), Is.EqualTo(Partitions(Tp("t1", 1))));
        });
    }

    [Test]
    public void Members_at_the_min_quota_keep_what_they_own_and_one_of_them_gets_the_extra_partition()
    {
        var result = Assign(_assignor, new() { ["t1"] = 2, ["t2"] = 3 },
            Claiming("c1", BothTopics, Generation, Tp("t1", 0), Tp("t2", 1)),
            Claiming("c2", BothTopics, Generation, Tp("t1", 1), Tp("t2", 2)));

        Assert.Multiple(() =>
        {
            Assert.That(Sorted(result["c1"]), Is.EqualTo(Partitions(Tp("t1", 0), Tp("t2", 0), Tp("t2", 1))));
            Assert.That(Sorted(result["c2"]), Is.EqualTo(Partitions(Tp("t1", 1), Tp("t2", 2))));
        });
    }

    [TestCase(Generation - 1, TestName = "A claim from an older generation loses to the current one")]
    [TestCase(-1, TestName = "A claim without generation loses to one with a generation")]
    public void Losing_claim(int loserGeneration)
    {
        TopicPartition[] contested = [Tp("t1", 0), Tp("t1", 2), Tp("t2", 1)];
        var result = Assign(_assignor, new() { ["t1"] = 3, ["t2"] = 3 },
            Claiming("c1", BothTopics, loserGeneration, contested),
            Claiming("c2", BothTopics, Generation, contested));

        Assert.Multiple(() =>
        {
            Assert.That(Sorted(result["c2"]), Is.EqualTo(Partitions(contested)));
            Assert.That(Sorted(result["c1"]), Is.EqualTo(Partitions(Tp("t1", 1), Tp("t2", 0), Tp("t2", 2))));
        });
    }

    [Test]
    public void Every_partition_stays_with_the_member_of_the_highest_generation_that_claims_it()
    {
        string[] topics = ["t1", "t2", "t3"];
        var result = Assign(_assignor, new() { ["t1"] = 3, ["t2"] = 3, ["t3"] = 3 },
            Claiming("c1", topics, Generation, Tp("t1", 0), Tp("t2", 0), Tp("t3", 0)),
            Claiming("c2", topics, Generation - 1, Tp("t1", 1), Tp("t2", 1), Tp("t3", 1)),
            Claiming("c3", topics, Generation - 2, Tp("t2", 1), Tp("t3", 0), Tp("t3", 2)));

        Assert.Multiple(() =>
        {
            Assert.That(Sorted(result["c1"]), Is.EqualTo(Partitions(Tp("t1", 0), Tp("t2", 0), Tp("t3", 0))));
            Assert.That(Sorted(result["c2"]), Is.EqualTo(Partitions(Tp("t1", 1), Tp("t2", 1), Tp("t3", 1))));
            Assert.That(Sorted(result["c3"]), Is.EqualTo(Partitions(Tp("t1", 2), Tp("t2", 2), Tp("t3", 2))));
        });
    }

    [Test]
    public void Current_members_keep_their_partitions_and_a_new_member_gets_the_unowned_ones()
    {
        string[] topics = ["t0", "t1", "t2", "t3"];
        var result = Assign(_assignor, new() { ["t0"] = 3, ["t1"] = 3, ["t2"] = 3, ["t3"] = 3 },
            Claiming("c1", topics, -1),
            Claiming("c2", topics, Generation - 1, Tp("t0", 0), Tp("t2", 0), Tp("t1", 0)),
            Claiming("c3", topics, Generation - 2, Tp("t3", 2), Tp("t2", 2), Tp("t1", 1)),
            Claiming("c4", topics, Generation - 3, Tp("t3", 1), Tp("t0", 1), Tp("t0", 2)));

        Assert.Multiple(() =>
        {
            Assert.That(Sorted(result["c1"]), Is.EqualTo(Partitions(Tp("t1", 2), Tp("t2", 1), Tp("t3", 0))));
            Assert.That(Sorted(result["c2"]), Is.EqualTo(Partitions(Tp("t0", 0), Tp("t2", 0), Tp("t1", 0))));
            Assert.That(Sorted(result["c4"]), Is.EqualTo(Partitions(Tp("t3", 1), Tp("t0", 1), Tp("t0", 2))));
        });
    }

    [Test]
    public void Remaining_members_keep_their_partitions_and_share_those_of_a_member_that_left()
    {
        var counts = new Dictionary<string, int> { ["t1"] = 5, ["t2"] = 4 };
        var first = Assign(_assignor, counts,
            Claiming("c1", BothTopics, -1), Claiming("c2", BothTopics, -1), Claiming("c3", BothTopics, -1));

        var second = Assign(_assignor, counts,
            Claiming("c1", BothTopics, 1, [.. first["c1"]]), Claiming("c3", BothTopics, 1, [.. first["c3"]]));

        Assert.Multiple(() =>
        {
            Assert.That(second["c1"], Is.SupersetOf(first["c1"]));
            Assert.That(second["c3"], Is.SupersetOf(first["c3"]));
            Assert.That(second["c1"].Concat(second["c3"]), Is.EquivalentTo(first.Values.SelectMany(p => p)));
            Assert.That(Math.Abs(second["c1"].Count - second["c3"].Count), Is.LessThanOrEqualTo(1));
        });
    }

    [Test]
    public void A_member_leaving_mixed_subscriptions_leaves_each_remaining_member_its_own_topic()
    {
        var counts = new Dictionary<string, int> { ["t1"] = 4, ["t2"] = 4 };
        var first = Final(counts, Claiming("c1", ["t1"], -1), Claiming("c2", BothTopics, -1), Claiming("c3", ["t2"], -1));

        var second = Final(counts, Claiming("c1", ["t1"], 1, [.. first["c1"]]), Claiming("c2", BothTopics, 1, [.. first["c2"]]));

        Assert.Multiple(() =>
        {
            Assert.That(Sorted(first["c1"]), Is.EqualTo(Partitions(Tp("t1", 0), Tp("t1", 2))), Describe(first));
            Assert.That(second["c1"], Is.SupersetOf(first["c1"]));
            Assert.That(Sorted(second["c1"]), Is.EqualTo(Partitions(Tp("t1", 0), Tp("t1", 1), Tp("t1", 2), Tp("t1", 3))), Describe(second));
            Assert.That(Sorted(second["c2"]), Is.EqualTo(Partitions(Tp("t2", 0), Tp("t2", 1), Tp("t2", 2), Tp("t2", 3))), Describe(second));
        });
    }

    /// <summary>The assignment once settled: for the cooperative protocol, after the follow-up rebalance in which every member owns what it got.</summary>
    private Dictionary<string, List<TopicPartition>> Final(Dictionary<string, int> counts, params GroupMemberSubscription[] members)
    {
        Dictionary<string, List<TopicPartition>> result = Assign(_assignor, counts, members);
        if (_assignor.Protocol == RebalanceProtocol.Eager)
        {
            return result;
        }

        int generation = members.Max(m => m.GenerationId) + 1;
        return Assign(_assignor, counts, [.. members.Select(m => MemberFor(_assignor, m.MemberId, [.. m.Topics], result[m.MemberId], generation))]);
    }
}
