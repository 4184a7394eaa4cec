using static Kafka.Client.Tests.Assignment.Groups;

namespace Kafka.Client.Tests.Assignment;

/// <summary>The round robin assignor on the Java client's RoundRobinAssignorTest cases.</summary>
public class RoundRobinAssignorTests
{
    private static readonly string[] BothTopics = ["t1", "t2"];
    private readonly RoundRobinAssignor _assignor = new();

    [Test]
    public void Two_members_on_two_topics_alternate_over_all_sorted_partitions()
    {
        var result = Assign(_assignor, new() { ["t1"] = 3, ["t2"] = 3 }, Member("c1", BothTopics), Member("c2", BothTopics));

        Assert.Multiple(() =>
        {
            Assert.That(result["c1"], Is.EqualTo(Partitions(Tp("t1", 0), Tp("t1", 2), Tp("t2", 1))));
            Assert.That(result["c2"], Is.EqualTo(Partitions(Tp("t1", 1), Tp("t2", 0), Tp("t2", 2))));
        });
    }

    [Test]
    public void Members_that_do_not_subscribe_to_a_topic_are_skipped()
    {
        var result = Assign(_assignor, new() { ["t1"] = 3, ["t2"] = 2 },
            Member("c1", ["t1"]), Member("c2", BothTopics), Member("c3", ["t1"]));

        Assert.Multiple(() =>
        {
            Assert.That(result["c1"], Is.EqualTo(Partitions(Tp("t1", 0))));
            Assert.That(result["c2"], Is.EqualTo(Partitions(Tp("t1", 1), Tp("t2", 0), Tp("t2", 1))));
            Assert.That(result["c3"], Is.EqualTo(Partitions(Tp("t1", 2))));
        });
    }

    [Test]
    public void Static_members_keep_their_partitions_when_a_dynamic_member_is_replaced()
    {
        var counts = new Dictionary<string, int> { ["t1"] = 3, ["t2"] = 3 };
        GroupMemberSubscription[] statics =
        [
            Member("consumer1", BothTopics, instanceId: "instance1"),
            Member("consumer2", BothTopics, instanceId: "instance2"),
            Member("consumer3", BothTopics, instanceId: "instance3"),
        ];

        var first = Assign(_assignor, counts, [.. statics, Member("consumer4", BothTopics)]);
        var second = Assign(_assignor, counts, [.. statics, Member("consumer5", BothTopics)]);

        Assert.Multiple(() =>
        {
            Assert.That(first["consumer1"], Is.EqualTo(Partitions(Tp("t1", 0), Tp("t2", 1))));
            Assert.That(first["consumer2"], Is.EqualTo(Partitions(Tp("t1", 1), Tp("t2", 2))));
            Assert.That(first["consumer3"], Is.EqualTo(Partitions(Tp("t1", 2))));
            Assert.That(first["consumer4"], Is.EqualTo(Partitions(Tp("t2", 0))));
            Assert.That(second["consumer5"], Is.EqualTo(first["consumer4"]));
            Assert.That(second["consumer1"], Is.EqualTo(first["consumer1"]));
        });
    }
}
