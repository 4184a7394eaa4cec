using Kafka.Client.Consuming.Assignment;
using static Kafka.Client.Tests.Assignment.Groups;

namespace Kafka.Client.Tests.Assignment;

/// <summary>The eager <c>sticky</c> assignor: its user data and how it reads other members'.</summary>
public class StickyAssignorTests
{
    private static readonly string[] Topic = ["t"];

    [Test]
    public void A_member_that_never_had_an_assignment_sends_no_user_data()
    {
        var assignor = new StickyAssignor();
        Assert.That(assignor.GetSubscriptionUserData(Topic, [], -1).IsEmpty, Is.True);
    }

    [Test]
    public void After_an_assignment_the_user_data_is_Javas_layout_with_the_partitions_and_generation()
    {
        var assignor = new StickyAssignor();
        assignor.OnAssignment(new MemberAssignment([Tp("t", 2), Tp("u", 0), Tp("t", 0)]), 7);

        // Revoked before rejoining (eager): nothing owned now, the remembered assignment is sent.
        ReadOnlyMemory<byte> userData = assignor.GetSubscriptionUserData(Topic, [], 7);
        StickyMemberData claim = StickyUserData.DecodeSticky(userData.Span);

        byte[] expected =
        [
            0, 0, 0, 2,                     // previous_assignment: 2 topics
            0, 1, (byte)'t', 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 2,   // "t": [0, 2]
            0, 1, (byte)'u', 0, 0, 0, 1, 0, 0, 0, 0,               // "u": [0]
            0, 0, 0, 7,                     // generation
        ];
        Assert.Multiple(() =>
        {
            Assert.That(userData.ToArray(), Is.EqualTo(expected));
            Assert.That(claim.Partitions, Is.EquivalentTo(new[] { Tp("t", 2), Tp("u", 0), Tp("t", 0) }));
            Assert.That(claim.Generation, Is.EqualTo(7));
        });
    }

    [Test]
    public void Partitions_passed_in_are_sent_instead_of_the_remembered_ones()
    {
        var assignor = new StickyAssignor();
        assignor.OnAssignment(new MemberAssignment([Tp("t", 0)]), 3);

        StickyMemberData claim = StickyUserData.DecodeSticky(assignor.GetSubscriptionUserData(Topic, [Tp("t", 1)], 4).Span);

        Assert.Multiple(() =>
        {
            Assert.That(claim.Partitions, Is.EqualTo(new[] { Tp("t", 1) }));
            Assert.That(claim.Generation, Is.EqualTo(4));
        });
    }

    [Test]
    public void Version_0_user_data_without_generation_is_read_as_a_claim_without_generation()
    {
        byte[] v0 = [0, 0, 0, 1, 0, 1, (byte)'t', 0, 0, 0, 1, 0, 0, 0, 3];
        StickyMemberData claim = StickyUserData.DecodeSticky(v0);

        Assert.Multiple(() =>
        {
            Assert.That(claim.Partitions, Is.EqualTo(new[] { Tp("t", 3) }));
            Assert.That(claim.Generation, Is.Null);
        });
    }

    [TestCase(new byte[] { 0, 0 })]
    [TestCase(new byte[] { 255, 255, 255, 255 })]
    [TestCase(new byte[] { 0, 0, 0, 9, 0, 1, (byte)'t' })]
    [TestCase(new byte[] { 0, 0, 0, 1, 0, 1, (byte)'t', 255, 255, 255, 255 })]
    public void Unreadable_user_data_is_a_claim_on_nothing_as_in_Java(byte[] garbage)
    {
        StickyMemberData claim = StickyUserData.DecodeSticky(garbage);
        Assert.Multiple(() =>
        {
            Assert.That(claim.Partitions, Is.Empty);
            Assert.That(claim.Generation, Is.EqualTo(-1));
        });
    }

    [Test]
    public void A_member_with_unreadable_user_data_still_gets_its_share()
    {
        var assignor = new StickyAssignor();
        var result = Assign(assignor, new() { ["t"] = 4 },
            Member("c1", Topic, userData: new byte[] { 1, 2, 3 }),
            Member("c2", Topic, userData: StickyUserData.EncodeSticky([Tp("t", 0), Tp("t", 1)], 5)));

        Assert.Multiple(() =>
        {
            Assert.That(Sorted(result["c2"]), Is.EqualTo(Partitions(Tp("t", 0), Tp("t", 1))));
            Assert.That(Sorted(result["c1"]), Is.EqualTo(Partitions(Tp("t", 2), Tp("t", 3))));
        });
    }

    [Test]
    public void Without_user_data_the_owned_partitions_of_the_subscription_count()
    {
        var assignor = new StickyAssignor();
        var result = Assign(assignor, new() { ["t"] = 4 },
            Member("c1", Topic),
            Member("c2", Topic, owned: [Tp("t", 2), Tp("t", 3)], generation: 5));

        Assert.That(Sorted(result["c2"]), Is.EqualTo(Partitions(Tp("t", 2), Tp("t", 3))));
    }

    [Test]
    public void Partitions_claimed_by_two_members_of_the_same_generation_go_to_neither_of_them()
    {
        var assignor = new StickyAssignor();
        var result = Assign(assignor, new() { ["t"] = 3 },
            MemberFor(assignor, "c1", Topic, [Tp("t", 0), Tp("t", 1)], 5),
            MemberFor(assignor, "c2", Topic, [Tp("t", 0), Tp("t", 2)], 5),
            MemberFor(assignor, "c3", Topic, [], 5));

        Assert.Multiple(() =>
        {
            Assert.That(result["c1"], Is.EqualTo(Partitions(Tp("t", 1))));
            Assert.That(result["c2"], Is.EqualTo(Partitions(Tp("t", 2))));
            Assert.That(result["c3"], Is.EqualTo(Partitions(Tp("t", 0))));
        });
    }

    [Test]
    public void When_two_members_own_more_than_their_quota_the_first_by_member_id_keeps_the_extra_partition()
    {
        // Java keeps both of whichever member its hash map yields first; members are walked by id here.
        var assignor = new StickyAssignor();
        var result = Assign(assignor, new() { ["t1"] = 2, ["t2"] = 2 },
            MemberFor(assignor, "c1", ["t1", "t2"], [Tp("t1", 0), Tp("t2", 0)], 5),
            MemberFor(assignor, "c2", ["t1", "t2"], [Tp("t1", 1), Tp("t2", 1)], 5),
            MemberFor(assignor, "c3", ["t1", "t2"], [], 5));

        Assert.Multiple(() =>
        {
            Assert.That(Sorted(result["c1"]), Is.EqualTo(Partitions(Tp("t1", 0), Tp("t2", 0))));
            Assert.That(Sorted(result["c2"]), Is.EqualTo(Partitions(Tp("t1", 1))));
            Assert.That(Sorted(result["c3"]), Is.EqualTo(Partitions(Tp("t2", 1))));
        });
    }
}
