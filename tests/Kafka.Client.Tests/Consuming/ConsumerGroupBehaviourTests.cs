using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Consuming;

/// <summary>Auto-commit, async rebalance handlers, custom assignors and the prefetch bound.</summary>
public class ConsumerGroupBehaviourTests : ConsumerTestBase
{
    protected override EmbeddedKafkaClusterOptions ClusterOptions => new() { Brokers = 3, AutoCreateTopics = false, GroupMinSessionTimeoutMs = 500 };

    [Test]
    public async Task Auto_commit_stores_only_offsets_handed_out_and_commits_on_close()
    {
        await Cluster.CreateTopicAsync("auto", partitions: 1, replicationFactor: 1);
        await ProduceAsync("auto", 30, 1);
        await using (var consumer = new KafkaConsumer<string, string>(ConsumerOptions("auto-group", o => o.AutoCommitIntervalMs = 100)))
        {
            consumer.Subscribe("auto");
            await ConsumeAsync(consumer, 30);

            // Polling with nothing to hand out lets the auto-commit run.
            DateTime deadline = DateTime.UtcNow.AddSeconds(10);
            while (Cluster.CommittedOffset("auto-group", "auto", 0) != 30 && DateTime.UtcNow < deadline)
            {
                Assert.That(await consumer.ConsumeAsync(TimeSpan.FromMilliseconds(50)), Is.Null);
            }

            Assert.That(Cluster.CommittedOffset("auto-group", "auto", 0), Is.EqualTo(30), "auto-committed in the consume loop");
            await ProduceAsync("auto", 10, 1, start: 30);
            await ConsumeAsync(consumer, 5);
        }

        Assert.That(Cluster.CommittedOffset("auto-group", "auto", 0), Is.EqualTo(35), "closing commits what was handed out, nothing beyond");
    }

    [Test]
    public async Task An_async_assigned_handler_may_seek_before_consumption_starts()
    {
        await Cluster.CreateTopicAsync("handlers", partitions: 1, replicationFactor: 1);
        await ProduceAsync("handlers", 20, 1);
        await using var consumer = new KafkaConsumer<string, string>(ConsumerOptions("handler-group"));
        var assigned = new List<TopicPartition>();
        consumer.OnPartitionsAssigned = async (partitions, cancellationToken) =>
        {
            await Task.Delay(20, cancellationToken);
            assigned.AddRange(partitions);
            foreach (TopicPartition tp in partitions)
            {
                consumer.Seek(new TopicPartitionOffset(tp, 15));
            }
        };
        consumer.Subscribe("handlers");
        List<ConsumeResult<string, string>> records = await ConsumeAsync(consumer, 5);
        Assert.That(assigned, Is.EqualTo(new[] { new TopicPartition("handlers", 0) }));
        Assert.That(records.Select(r => r.Offset), Is.EqualTo(new long[] { 15, 16, 17, 18, 19 }));
    }

    [Test]
    public async Task A_custom_assignor_decides_the_assignment()
    {
        await Cluster.CreateTopicAsync("custom", partitions: 4, replicationFactor: 1);
        var assignor = new EverythingToTheFirstMember();
        await using var first = new KafkaConsumer<string, string>(ConsumerOptions("custom-group", o => o.PartitionAssignors = [assignor]));
        await using var second = new KafkaConsumer<string, string>(ConsumerOptions("custom-group", o => o.PartitionAssignors = [new EverythingToTheFirstMember()]));
        first.Subscribe("custom");
        second.Subscribe("custom");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Task loops = Task.WhenAll(Drain(first, stop.Token), Drain(second, stop.Token));
        while (!stop.IsCancellationRequested && first.Assignment.Count + second.Assignment.Count < 4)
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await loops;
        var owners = new[] { first, second }.OrderBy(c => c.MemberId, StringComparer.Ordinal).ToList();
        Assert.That(owners[0].Assignment, Has.Count.EqualTo(4), "the custom assignor gives everything to the lowest member id");
        Assert.That(owners[1].Assignment, Is.Empty);
        Assert.That(Cluster.DescribeGroup("custom-group")!.Protocol, Is.EqualTo("everything-to-first"));

        static async Task Drain(KafkaConsumer<string, string> consumer, CancellationToken token)
        {
            try
            {
                await foreach (var record in consumer.ConsumeAsync(token))
                {
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    [Test]
    public async Task Prefetching_stops_at_the_buffer_bound_while_the_application_does_not_read()
    {
        await Cluster.CreateTopicAsync("bounded", partitions: 1, replicationFactor: 1);
        await ProduceAsync("bounded", 20_000, 1);
        await using var consumer = new KafkaConsumer<string, string>(ConsumerOptions(configure: o =>
        {
            o.QueuedMaxMessagesKbytes = 64;
            o.MaxPartitionFetchBytes = 16 * 1024;
        }));
        consumer.Assign([new TopicPartition("bounded", 0)]);
        Assert.That(await consumer.ConsumeAsync(TimeSpan.FromSeconds(10)), Is.Not.Null);
        await Task.Delay(500); // give the fetcher time to run ahead as far as it may
        Assert.That(consumer.BufferedBytes, Is.LessThanOrEqualTo((64 + 16) * 1024), "at most the bound plus one response");
        List<ConsumeResult<string, string>> rest = await ConsumeAsync(consumer, 19_999);
        Assert.That(rest[^1].Offset, Is.EqualTo(19_999));
    }

    [Test]
    public async Task UnsubscribeAsync_commits_revokes_and_leaves_the_group()
    {
        await Cluster.CreateTopicAsync("leaving", partitions: 2, replicationFactor: 1);
        await ProduceAsync("leaving", 10, 2);
        await using var consumer = new KafkaConsumer<string, string>(ConsumerOptions("leaving-group"));
        var revoked = new List<TopicPartition>();
        consumer.OnPartitionsRevoked = (partitions, _) =>
        {
            revoked.AddRange(partitions);
            return ValueTask.CompletedTask;
        };
        consumer.Subscribe("leaving");
        await ConsumeAsync(consumer, 10);
        await consumer.UnsubscribeAsync();

        Assert.That(revoked, Is.EquivalentTo(new[] { new TopicPartition("leaving", 0), new TopicPartition("leaving", 1) }));
        Assert.That(consumer.Assignment, Is.Empty);
        Assert.That(Cluster.DescribeGroup("leaving-group")!.Members, Is.Empty, "the member left at once");
        Assert.That(Cluster.CommittedOffset("leaving-group", "leaving", 0), Is.EqualTo(5), "auto-commit committed before revoking");
        var error = Assert.ThrowsAsync<InvalidOperationException>(async () => await consumer.ConsumeAsync(TimeSpan.FromMilliseconds(200)));
        Assert.That(error!.Message, Does.Contain("not subscribed"), "consuming without a subscription is a mistake, as in Java");
    }

    /// <summary>A custom strategy: the member with the lowest id gets every partition.</summary>
    private sealed class EverythingToTheFirstMember : IPartitionAssignor
    {
        public string Name => "everything-to-first";

        public RebalanceProtocol Protocol => RebalanceProtocol.Eager;

        public IReadOnlyDictionary<string, MemberAssignment> Assign(GroupAssignmentContext context)
        {
            var members = context.Members.Select(m => m.MemberId).Order(StringComparer.Ordinal).ToList();
            var everything = context.PartitionCounts.SelectMany(t => Enumerable.Range(0, t.Value).Select(p => new TopicPartition(t.Key, p))).ToList();
            return members.ToDictionary(m => m, m => new MemberAssignment(m == members[0] ? everything : []));
        }
    }
}
