using static Kafka.Client.Tests.Assignment.Groups;

namespace Kafka.Client.Tests.Assignment;

/// <summary>The range assignor on the Java client's RangeAssignorTest cases.</summary>
public class RangeAssignorTests
{
    private static readonly string[] BothTopics = ["t1", "t2"];
    private readonly RangeAssignor _assignor = new();

    [Test]
    public void Two_members_on_two_topics_of_three_partitions_give_the_first_member_partitions_0_and_1_of_each()
    {
        var result = Assign(_assignor, new() { ["t1"] = 3, ["t2"] = 3 },
            Member("c2", BothTopics), Member("c1", BothTopics));

        Assert.Multiple(() =>
        {
            Assert.That(result["c1"], Is.EqualTo(Partitions(Tp("t1", 0), Tp("t1", 1), Tp("t2", 0), Tp("t2", 1))));
            Assert.That(result["c2"], Is.EqualTo(Partitions(Tp("t1", 2), Tp("t2", 2))));
        });
    }

    [Test]
    public void Each_topic_is_split_among_its_own_subscribers()
    {
        var result = Assign(_assignor, new() { ["t1"] = 3, ["t2"] = 2 },
            Member("c1", ["t1"]), Member("c2", BothTopics), Member("c3", ["t1"]));

        Assert.Multiple(() =>
        {
            Assert.That(Sorted(result["c1"]), Is.EqualTo(Partitions(Tp("t1", 0))));
            Assert.That(Sorted(result["c2"]), Is.EqualTo(Partitions(Tp("t1", 1), Tp("t2", 0), Tp("t2", 1))));
            Assert.That(Sorted(result["c3"]), Is.EqualTo(Partitions(Tp("t1", 2))));
        });
    }

    [Test]
    public void Static_members_are_ordered_by_instance_id_and_before_dynamic_members()
    {
        // "consumer-b" sorts after "consumer-a" by member id, but its instance id puts it first (Java's MemberInfo).
        var result = Assign(_assignor, new() { ["t1"] = 3, ["t2"] = 3 },
            Member("consumer-b", BothTopics, instanceId: "instance1"), Member("consumer-a", BothTopics));

        Assert.That(Sorted(result["consumer-b"]), Is.EqualTo(Partitions(Tp("t1", 0), Tp("t1", 1), Tp("t2", 0), Tp("t2", 1))));
    }

    [Test]
    public void Static_members_keep_their_ranges_when_their_member_ids_change()
    {
        var counts = new Dictionary<string, int> { ["t1"] = 5, ["t2"] = 5 };
        var before = Assign(_assignor, counts,
            Member("m1", BothTopics, instanceId: "i1"), Member("m2", BothTopics, instanceId: "i2"), Member("m3", BothTopics, instanceId: "i3"));
        var after = Assign(_assignor, counts,
            Member("m9", BothTopics, instanceId: "i1"), Member("m0", BothTopics, instanceId: "i2"), Member("m5", BothTopics, instanceId: "i3"));

        Assert.Multiple(() =>
        {
            Assert.That(after["m9"], Is.EqualTo(before["m1"]));
            Assert.That(after["m0"], Is.EqualTo(before["m2"]));
            Assert.That(after["m5"], Is.EqualTo(before["m3"]));
            Assert.That(Sorted(before["m1"]), Is.EqualTo(Partitions(Tp("t1", 0), Tp("t1", 1), Tp("t2", 0), Tp("t2", 1))));
        });
    }

    [Test]
    public void Topics_that_do_not_exist_and_members_with_nothing_to_do_get_empty_assignments()
    {
        var result = Assign(_assignor, new() { ["t1"] = 1 },
            Member("c1", ["t1", "missing"]), Member("c2", ["t1"]), Member("c3", ["missing"]));

        Assert.Multiple(() =>
        {
            Assert.That(result["c1"], Is.EqualTo(Partitions(Tp("t1", 0))));
            Assert.That(result["c2"], Is.Empty);
            Assert.That(result["c3"], Is.Empty);
        });
    }
}
