using Kafka.Client.Testing;
using static Kafka.Client.TestSupport.Eventually;

namespace Kafka.Client.Tests.Consuming;

/// <summary>KIP-429: with cooperative-sticky, partitions that do not move keep being consumed while a rebalance is under way.</summary>
public class CooperativeRebalanceTests : ConsumerTestBase
{
    private const string Topic = "coop";
    private const string Group = "coop-group";

    protected override EmbeddedKafkaClusterOptions ClusterOptions => new() { AutoCreateTopics = false, GroupMinSessionTimeoutMs = 500 };

    private ConsumerOptions MemberOptions() => ConsumerOptions(Group, o =>
    {
        o.PartitionAssignmentStrategy = [PartitionAssignmentStrategy.CooperativeSticky];
        o.SessionTimeoutMs = 6_000;
        o.HeartbeatIntervalMs = 100;
        o.MaxPollIntervalMs = 8_000;
    });

    [Test]
    [CancelAfter(60_000)]
    public async Task A_member_keeps_consuming_its_partitions_while_the_rebalance_waits_for_a_stalled_member()
    {
        await Cluster.CreateTopicAsync(Topic, partitions: 4);
        await using var a = new GroupMemberRunner("a", MemberOptions(), Topic).Start();
        await using var b = new GroupMemberRunner("b", MemberOptions(), Topic).Start();
        await WaitUntilAsync(() => a.Consumer.Assignment.Count == 2 && b.Consumer.Assignment.Count == 2, () => $"a balanced group ({a}; {b})");

        // b stops asking for records: the next rebalance waits for it (up to its max.poll.interval.ms).
        await b.StallAsync();
        await using var c = new GroupMemberRunner("c", MemberOptions(), Topic).Start();
        await WaitUntilAsync(() => Cluster.DescribeGroup(Group)?.State == "PreparingRebalance", () => $"the rebalance to start (state {Cluster.DescribeGroup(Group)?.State})");

        TopicPartition[] kept = [.. a.Consumer.Assignment];
        int before = a.Records.Count;
        await using (var producer = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = Cluster.BootstrapServers, LingerMs = 1 }))
        {
            foreach (TopicPartition partition in kept)
            {
                for (int i = 0; i < 20; i++)
                {
                    await producer.ProduceAsync(partition, new Message<string, string> { Key = "k", Value = $"during-{i}" });
                }
            }
        }

        await WaitUntilAsync(() => a.Records.Count - before >= 40, () => $"a to consume its partitions during the rebalance (got {a.Records.Count - before} of 40)");
        Assert.That(Cluster.DescribeGroup(Group)!.State, Is.EqualTo("PreparingRebalance"), "the records arrived while the group was still rebalancing");
        Assert.That(a.Records.Skip(before).Select(r => r.TopicPartition).Distinct(), Is.SubsetOf(kept));
        Assert.That(a.Revoked, Is.Empty, "cooperative: nothing was taken from a to start the rebalance");
        Assert.That(a.Lost, Is.Empty);
    }
}
