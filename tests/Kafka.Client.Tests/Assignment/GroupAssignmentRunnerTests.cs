using Kafka.Client.Consuming.Assignment;
using Kafka.Client.Protocol.Messages;
using static Kafka.Client.Tests.Assignment.Groups;

namespace Kafka.Client.Tests.Assignment;

/// <summary>The leader's side: decode JoinGroup metadata, run the assignor, check its result, encode assignments.</summary>
public class GroupAssignmentRunnerTests
{
    private static readonly string[] Topic = ["t"];
    private static readonly Dictionary<string, int> TwoPartitions = new() { ["t"] = 2 };

    [Test]
    public void The_leader_turns_join_group_members_into_assignment_bytes_for_each_member()
    {
        List<JoinGroupResponse.JoinGroupResponseMember> members =
        [
            JoinMember("m2", ConsumerProtocol.EncodeSubscription(["t", "u"], default, [], -1, null)),
            JoinMember("m1", ConsumerProtocol.EncodeSubscription(["t"], default, [], -1, null, version: 0)),
        ];

        Dictionary<string, byte[]> encoded = GroupAssignmentRunner.Run(
            members, new RangeAssignor(), new Dictionary<string, int> { ["t"] = 2, ["u"] = 1, ["other"] = 5 });

        Assert.Multiple(() =>
        {
            Assert.That(encoded.Keys, Is.EquivalentTo(new[] { "m1", "m2" }));
            Assert.That(ConsumerProtocol.DecodeAssignment(encoded["m1"]).Partitions, Is.EqualTo(new[] { Tp("t", 0) }));
            Assert.That(ConsumerProtocol.DecodeAssignment(encoded["m2"]).Partitions, Is.EqualTo(new[] { Tp("t", 1), Tp("u", 0) }));
            Assert.That(GroupAssignmentRunner.SubscribedTopics(GroupAssignmentRunner.DecodeSubscriptions(members)), Is.EqualTo(new[] { "t", "u" }));
        });
    }

    [Test]
    public void The_assignor_sees_only_existing_subscribed_topics()
    {
        var spy = new FakeAssignor(context =>
        {
            Assert.That(context.PartitionCounts, Is.EqualTo(new Dictionary<string, int> { ["t"] = 2 }));
            return new Dictionary<string, MemberAssignment> { ["m1"] = new([]) };
        });

        GroupAssignmentRunner.Assign([Member("m1", ["t", "gone", "empty"])], spy, new Dictionary<string, int> { ["t"] = 2, ["empty"] = 0, ["x"] = 3 });
    }

    [Test]
    public void Malformed_metadata_of_a_member_fails_the_assignment()
    {
        var e = Assert.Throws<KafkaException>(() =>
            GroupAssignmentRunner.Run([JoinMember("m1", [0, 3, 1])], new RangeAssignor(), TwoPartitions));
        Assert.That(e!.Message, Does.Contain("m1"));
    }

    private static IEnumerable<TestCaseData> BrokenAssignments()
    {
        yield return Case("left out member m2", new() { ["m1"] = new([Tp("t", 0)]) });
        yield return Case("assigned t [0] to both member m1 and member m2", new() { ["m1"] = new([Tp("t", 0)]), ["m2"] = new([Tp("t", 0)]) });
        yield return Case("assigned t [2], which does not exist", new() { ["m1"] = new([Tp("t", 2)]), ["m2"] = new([]) });
        yield return Case("assigned u [0], which does not exist", new() { ["m1"] = new([Tp("u", 0)]), ["m2"] = new([]) });
        yield return Case("assigned t [1] to member m2, which does not subscribe to t",
            new() { ["m1"] = new([]), ["m2"] = new([Tp("t", 1)]) }, m2Topics: ["u"], counts: new() { ["t"] = 2, ["u"] = 1 });
        yield return Case("assigned partitions to m3, which is not a member", new() { ["m1"] = new([]), ["m2"] = new([]), ["m3"] = new([]) });

        static TestCaseData Case(
            string problem, Dictionary<string, MemberAssignment> result, string[]? m2Topics = null, Dictionary<string, int>? counts = null) =>
            new TestCaseData(problem, result, m2Topics ?? Topic, counts ?? TwoPartitions).SetName($"An assignor that {problem} is caught");
    }

    [TestCaseSource(nameof(BrokenAssignments))]
    public void Broken_assignment(string problem, Dictionary<string, MemberAssignment> result, string[] m2Topics, Dictionary<string, int> counts)
    {
        var assignor = new FakeAssignor(_ => result);
        var e = Assert.Throws<KafkaException>(() =>
            GroupAssignmentRunner.Assign([Member("m1", Topic), Member("m2", m2Topics)], assignor, counts));
        Assert.That(e!.Message, Does.Contain("Assignor 'fake' " + problem));
    }

    [Test]
    public void A_cooperative_assignor_may_not_hand_an_owned_partition_to_another_member_in_the_same_rebalance()
    {
        var assignor = new FakeAssignor(_ => new Dictionary<string, MemberAssignment>
        {
            ["m1"] = new([Tp("t", 0), Tp("t", 1)]),
            ["m2"] = new([]),
        }, RebalanceProtocol.Cooperative);

        var e = Assert.Throws<KafkaException>(() => GroupAssignmentRunner.Assign(
            [Member("m1", Topic, [Tp("t", 0)], 3), Member("m2", Topic, [Tp("t", 1)], 3)], assignor, TwoPartitions));

        Assert.That(e!.Message, Does.Contain("gave t [1] to member m1 while member m2 still owns it"));
    }

    [Test]
    public void A_cooperative_assignor_may_leave_a_doubly_claimed_partition_with_one_of_its_claimants()
    {
        // Java's validateCooperativeAssignment: m2 loses t [0], but m1 already owned it, so nothing is handed over.
        var assignor = new FakeAssignor(_ => new Dictionary<string, MemberAssignment>
        {
            ["m1"] = new([Tp("t", 0)]),
            ["m2"] = new([Tp("t", 1)]),
        }, RebalanceProtocol.Cooperative);

        IReadOnlyDictionary<string, MemberAssignment> result = GroupAssignmentRunner.Assign(
            [Member("m1", Topic, [Tp("t", 0)], 3), Member("m2", Topic, [Tp("t", 0), Tp("t", 1)], 3)], assignor, TwoPartitions);

        Assert.That(result["m1"].Partitions, Is.EqualTo(new[] { Tp("t", 0) }));
    }

    [Test]
    public void An_assignor_that_throws_is_reported_by_name()
    {
        var assignor = new FakeAssignor(_ => throw new InvalidOperationException("boom"));
        var e = Assert.Throws<KafkaException>(() => GroupAssignmentRunner.Assign([Member("m1", Topic)], assignor, TwoPartitions));
        Assert.Multiple(() =>
        {
            Assert.That(e!.Message, Is.EqualTo("Assignor 'fake' failed: boom"));
            Assert.That(e.InnerException, Is.TypeOf<InvalidOperationException>());
        });
    }

    [Test]
    public void Built_in_assignors_are_new_instances_with_Kafkas_names_and_protocols()
    {
        IPartitionAssignor one = PartitionAssignors.Create(PartitionAssignmentStrategy.Sticky);
        IPartitionAssignor another = PartitionAssignors.Create(PartitionAssignmentStrategy.Sticky);
        Assert.Multiple(() =>
        {
            Assert.That(PartitionAssignors.Create(PartitionAssignmentStrategy.Range).Name, Is.EqualTo("range"));
            Assert.That(PartitionAssignors.Create(PartitionAssignmentStrategy.RoundRobin).Name, Is.EqualTo("roundrobin"));
            Assert.That(PartitionAssignors.Create(PartitionAssignmentStrategy.Sticky).Name, Is.EqualTo("sticky"));
            Assert.That(PartitionAssignors.Create(PartitionAssignmentStrategy.CooperativeSticky).Name, Is.EqualTo("cooperative-sticky"));
            Assert.That(PartitionAssignors.Create(PartitionAssignmentStrategy.Sticky).Protocol, Is.EqualTo(RebalanceProtocol.Eager));
            Assert.That(PartitionAssignors.Create(PartitionAssignmentStrategy.CooperativeSticky).Protocol, Is.EqualTo(RebalanceProtocol.Cooperative));
            Assert.That(one, Is.Not.SameAs(another));
            Assert.Throws<ArgumentOutOfRangeException>(() => PartitionAssignors.Create((PartitionAssignmentStrategy)42));
        });
    }

    private static JoinGroupResponse.JoinGroupResponseMember JoinMember(string memberId, byte[] metadata) =>
        new() { MemberId = memberId, Metadata = metadata };

    private sealed class FakeAssignor(
        Func<GroupAssignmentContext, IReadOnlyDictionary<string, MemberAssignment>> assign,
        RebalanceProtocol protocol = RebalanceProtocol.Eager) : IPartitionAssignor
    {
        public string Name => "fake";

        public RebalanceProtocol Protocol => protocol;

        public IReadOnlyDictionary<string, MemberAssignment> Assign(GroupAssignmentContext context) => assign(context);
    }
}
