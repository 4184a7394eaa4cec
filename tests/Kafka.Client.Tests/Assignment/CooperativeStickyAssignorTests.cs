using Kafka.Client.Consuming.Assignment;
using static Kafka.Client.Tests.Assignment.Groups;

namespace Kafka.Client.Tests.Assignment;

/// <summary>
/// The <c>cooperative-sticky</c> assignor on the Java client's CooperativeStickyAssignorTest cases: a partition that
/// changes owner is held back until the follow-up rebalance.
/// </summary>
public class CooperativeStickyAssignorTests
{
    private static readonly string[] Topic = ["t"];
    private readonly CooperativeStickyAssignor _assignor = new();

    [Test]
    public void The_user_data_is_the_generation_in_four_bytes()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_assignor.GetSubscriptionUserData(Topic, [], 0x01020304).ToArray(), Is.EqualTo(new byte[] { 1, 2, 3, 4 }));
            Assert.That(StickyUserData.DecodeCooperative(new byte[] { 0, 0, 0, 9 }), Is.EqualTo(9));
            Assert.That(StickyUserData.DecodeCooperative(new byte[] { 0, 9 }), Is.EqualTo(-1));
        });
    }

    [Test]
    public void A_new_member_gets_nothing_owned_by_others_until_they_have_revoked_it()
    {
        var counts = new Dictionary<string, int> { ["t"] = 6 };
        var first = Assign(_assignor, counts,
            Member("c1", Topic, [Tp("t", 0), Tp("t", 1), Tp("t", 2)], 3),
            Member("c2", Topic, [Tp("t", 3), Tp("t", 4), Tp("t", 5)], 3),
            Member("c3", Topic));

        Assert.Multiple(() =>
        {
            Assert.That(first["c3"], Is.Empty, Describe(first));
            Assert.That(first["c1"], Has.Count.EqualTo(2));
            Assert.That(first["c2"], Has.Count.EqualTo(2));
        });

        // The owners revoked what they lost and rejoin; the newcomer gets exactly those.
        var second = Assign(_assignor, counts,
            Member("c1", Topic, first["c1"], 4), Member("c2", Topic, first["c2"], 4), Member("c3", Topic, [], 4));

        var revoked = new[] { Tp("t", 0), Tp("t", 1), Tp("t", 2), Tp("t", 3), Tp("t", 4), Tp("t", 5) }
            .Except(first["c1"]).Except(first["c2"]);
        Assert.Multiple(() =>
        {
            Assert.That(second["c1"], Is.EquivalentTo(first["c1"]));
            Assert.That(second["c2"], Is.EquivalentTo(first["c2"]));
            Assert.That(second["c3"], Is.EquivalentTo(revoked), Describe(second));
        });
    }

    [Test]
    public void A_partition_claimed_by_two_members_of_the_same_generation_is_held_back_with_equal_quotas()
    {
        var result = Assign(_assignor, new() { ["t"] = 3 },
            Member("c1", Topic, [Tp("t", 0), Tp("t", 1)], 5),
            Member("c2", Topic, [Tp("t", 0), Tp("t", 2)], 5),
            Member("c3", Topic, [], 5));

        Assert.Multiple(() =>
        {
            Assert.That(result["c1"], Is.EqualTo(Partitions(Tp("t", 1))));
            Assert.That(result["c2"], Is.EqualTo(Partitions(Tp("t", 2))));
            Assert.That(result["c3"], Is.Empty);
        });
    }

    [Test]
    public void A_partition_claimed_by_two_members_of_the_same_generation_is_held_back_with_unequal_quotas()
    {
        var result = Assign(_assignor, new() { ["t"] = 4 },
            Member("c1", Topic, [Tp("t", 0), Tp("t", 1)], 5),
            Member("c2", Topic, [Tp("t", 0), Tp("t", 2)], 5),
            Member("c3", Topic, [], 5));

        Assert.Multiple(() =>
        {
            Assert.That(Sorted(result["c1"]), Is.EqualTo(Partitions(Tp("t", 1), Tp("t", 3))));
            Assert.That(result["c2"], Is.EqualTo(Partitions(Tp("t", 2))));
            Assert.That(result["c3"], Is.Empty);
        });
    }

    [Test]
    public void Subscriptions_older_than_v2_carry_the_generation_in_the_user_data()
    {
        // Generation -1 in the subscription (v1): the user data's 5 beats c2's 4.
        var result = Assign(_assignor, new() { ["t"] = 2 },
            Member("c1", Topic, [Tp("t", 0), Tp("t", 1)], -1, userData: StickyUserData.EncodeCooperative(5)),
            Member("c2", Topic, [Tp("t", 0), Tp("t", 1)], 4));

        Assert.Multiple(() =>
        {
            Assert.That(result["c1"], Has.Count.EqualTo(1), Describe(result));
            Assert.That(result["c2"], Is.Empty, Describe(result));
        });
    }

    [Test]
    public void Old_subscriptions_without_generation_keep_their_partitions()
    {
        var result = Assign(_assignor, new() { ["t"] = 3 },
            Member("c1", Topic, [Tp("t", 0)]),
            Member("c2", Topic, [Tp("t", 1)]),
            Member("c3", Topic, [], 2));

        Assert.Multiple(() =>
        {
            Assert.That(result["c1"], Is.EqualTo(Partitions(Tp("t", 0))));
            Assert.That(result["c2"], Is.EqualTo(Partitions(Tp("t", 1))));
            Assert.That(result["c3"], Is.EqualTo(Partitions(Tp("t", 2))));
        });
    }

    [Test]
    public void With_mixed_subscriptions_partitions_moving_between_members_are_held_back_too()
    {
        var counts = new Dictionary<string, int> { ["t1"] = 4, ["t2"] = 4 };
        string[] both = ["t1", "t2"];

        // c2 owns everything; c1 joins for t1 only: it must wait for the t1 partitions c2 gives up.
        var first = Assign(_assignor, counts,
            Member("c1", ["t1"], [], 1),
            Member("c2", both, [Tp("t1", 0), Tp("t1", 1), Tp("t1", 2), Tp("t1", 3), Tp("t2", 0), Tp("t2", 1), Tp("t2", 2), Tp("t2", 3)], 1));
        var second = Assign(_assignor, counts, Member("c1", ["t1"], first["c1"], 2), Member("c2", both, first["c2"], 2));

        Assert.Multiple(() =>
        {
            Assert.That(first["c1"], Is.Empty, Describe(first));
            Assert.That(first["c2"], Has.Count.LessThan(8), Describe(first));
            Assert.That(second["c1"].Count + second["c2"].Count, Is.EqualTo(8), Describe(second));
            Assert.That(second["c2"], Is.EquivalentTo(first["c2"]), Describe(second));
        });
    }
}
