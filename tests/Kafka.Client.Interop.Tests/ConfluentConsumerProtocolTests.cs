using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Kafka.Client.Testing;

namespace Interop.Tests;

/// <summary>
/// librdkafka (Confluent.Kafka 2.16) with <c>group.protocol=consumer</c> (KIP-848) against the embedded broker's
/// consumer group coordinator: members join one by one, leave and crash, each partition is held by one member at a
/// time in the broker's view, every record is consumed, the committed offsets are right, and Confluent's admin
/// client describes the group through ConsumerGroupDescribe.
/// </summary>
public class ConfluentConsumerProtocolTests
{
    private const string Topic = "kip848";
    private const int Partitions = 6;
    private const int Records = 600;

    /// <summary>A Confluent consumer of the consumer protocol in <paramref name="group"/>.</summary>
    private static ConfluentGroupMember Member(string bootstrap, string group, System.Collections.Concurrent.ConcurrentBag<string> seen) =>
        new(ConfluentGroupMember.Config(bootstrap, group, GroupProtocol.Consumer), Topic, seen);

    private static EmbeddedKafkaClusterOptions Options() => new()
    {
        Brokers = 1,
        ConsumerGroupMinHeartbeatIntervalMs = 50,
        ConsumerGroupHeartbeatIntervalMs = 200,
        ConsumerGroupMinSessionTimeoutMs = 500,
        ConsumerGroupSessionTimeoutMs = 2_000,
    };

    /// <summary>Waits until the members hold every partition between them, each some, and the broker's group is Stable.</summary>
    private static async Task WaitForBalancedAsync(EmbeddedKafkaCluster cluster, string group, IReadOnlyList<ConfluentGroupMember> members)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            // The broker's view: never a partition assigned or still to revoke in two members at once.
            EmbeddedConsumerGroupInfo? info = cluster.DescribeConsumerGroup(group);
            if (info is not null)
            {
                var held = info.Members.SelectMany(m => m.Assigned.Concat(m.PendingRevocation).SelectMany(t => t.Value.Select(p => (t.Key, p)))).ToList();
                Assert.That(held, Is.Unique, "a partition is held by two members at once");
            }

            var all = members.SelectMany(m => m.Assignment).ToList();
            bool complete = all.Count == Partitions && all.Select(tp => tp.Partition.Value).Distinct().Count() == Partitions;
            if (complete && members.All(m => m.Assignment.Length > 0) && info is { State: "Stable" } && info.Members.Count == members.Count)
            {
                return;
            }

            try
            {
                await Task.Delay(20, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"the group did not settle: state {info?.State}, members {info?.Members.Count}; assignments " +
                    string.Join(" | ", members.Select(m => string.Join(",", m.Assignment.Select(tp => tp.Partition.Value)))));
            }
        }
    }

    [Test]
    public async Task Confluent_consumers_share_partitions_through_join_leave_and_crash_with_offsets_kept()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(Options());
        await cluster.CreateTopicAsync(Topic, partitions: Partitions, replicationFactor: 1);
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            for (int i = 0; i < Records; i++)
            {
                producer.Produce(new TopicPartition(Topic, i % Partitions), new Message<Null, string> { Value = $"m{i}" });
            }

            producer.Flush(TimeSpan.FromSeconds(30));
        }

        const string group = "confluent-kip848";
        var seen = new System.Collections.Concurrent.ConcurrentBag<string>();
        var members = new List<ConfluentGroupMember>();
        try
        {
            for (int i = 0; i < 3; i++)
            {
                members.Add(Member(cluster.BootstrapServers, group, seen));
                await WaitForBalancedAsync(cluster, group, members);
            }

            members[0].Leave();
            members.RemoveAt(0);
            await WaitForBalancedAsync(cluster, group, members);

            members[0].Crash();
            members.RemoveAt(0);
            await WaitForBalancedAsync(cluster, group, members);

            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (true)
            {
                var listed = await admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions(group, null)]);
                if (listed.Single().Partitions is { Count: Partitions } offsets && offsets.All(p => p.Offset.Value == Records / Partitions))
                {
                    break;
                }

                await Task.Delay(100, timeout.Token);
            }

            Assert.That(seen.Distinct().Count(), Is.EqualTo(Records), "every record was consumed");

            DescribeConsumerGroupsResult described = await admin.DescribeConsumerGroupsAsync([group]);
            ConsumerGroupDescription description = described.ConsumerGroupDescriptions.Single();
            Assert.That(description.GroupType, Is.EqualTo(ConsumerGroupType.Consumer));
            Assert.That(description.State, Is.EqualTo(ConsumerGroupState.Stable));
            Assert.That(description.PartitionAssignor, Is.EqualTo("uniform"));
            Assert.That(description.Members.Single().Assignment.TopicPartitions, Has.Count.EqualTo(Partitions));

            var groups = await admin.ListConsumerGroupsAsync(new ListConsumerGroupsOptions { MatchTypes = [ConsumerGroupType.Consumer] });
            Assert.That(groups.Valid.Select(g => (g.GroupId, g.Type)), Does.Contain((group, ConsumerGroupType.Consumer)));
        }
        finally
        {
            foreach (ConfluentGroupMember member in members)
            {
                member.Dispose();
            }
        }
    }

    [TestCase(Kafka.Client.PartitionAssignmentStrategy.CooperativeSticky)]
    [TestCase(Kafka.Client.PartitionAssignmentStrategy.Range)]
    public async Task A_classic_consumer_joins_a_consumer_protocol_group_and_is_served_by_its_coordinator(Kafka.Client.PartitionAssignmentStrategy strategy)
    {
        var options = Options();
        options.GroupMinSessionTimeoutMs = 1_000;
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(options);
        await cluster.CreateTopicAsync(Topic, partitions: Partitions, replicationFactor: 1);
        string group = "mixed-protocols-" + strategy;
        var seen = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var confluent = Member(cluster.BootstrapServers, group, seen);
        await WaitForBalancedAsync(cluster, group, [confluent]);

        var ours = new OurGroupMember(new Kafka.Client.ConsumerOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = group,
            PartitionAssignmentStrategy = [strategy],
            SessionTimeoutMs = 3_000,
            HeartbeatIntervalMs = 100,
            AutoOffsetReset = Kafka.Client.AutoOffsetReset.Earliest,
            FetchMaxWaitMs = 50,
        }, Topic, seen);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (true)
            {
                EmbeddedConsumerGroupInfo info = cluster.DescribeConsumerGroup(group)!;
                var held = info.Members.SelectMany(m => m.Assigned.Concat(m.PendingRevocation).SelectMany(t => t.Value.Select(p => (t.Key, p)))).ToList();
                Assert.That(held, Is.Unique, "a partition is held by two members at once");
                var all = confluent.Assignment.Concat(ours.Assignment).Select(tp => tp.Partition.Value).ToList();
                if (info is { State: "Stable", Members.Count: 2 } && all.Count == Partitions && all.Distinct().Count() == Partitions
                    && confluent.Assignment.Length == Partitions / 2 && ours.Assignment.Length == Partitions / 2)
                {
                    break;
                }

                if (timeout.IsCancellationRequested)
                {
                    Assert.Fail($"the mixed group did not settle: {info.State}, epochs {info.GroupEpoch}/{info.AssignmentEpoch}; " +
                        string.Join(" | ", info.Members.Select(m => $"{m.ClientId} {m.MemberEpoch} {m.State} assigned {string.Join(",", m.Assigned.SelectMany(t => t.Value))} target {string.Join(",", m.Target.SelectMany(t => t.Value))}"))
                        + $"; confluent sees {string.Join(",", confluent.Assignment.Select(tp => tp.Partition.Value))}, ours {string.Join(",", ours.Assignment.Select(tp => tp.Partition.Value))}");
                }

                await Task.Delay(20, CancellationToken.None);
            }

            Assert.That(cluster.DescribeGroup(group), Is.Null, "one group, served by the consumer group coordinator");
            using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build())
            {
                for (int i = 0; i < Records; i++)
                {
                    producer.Produce(new TopicPartition(Topic, i % Partitions), new Message<Null, string> { Value = $"r{i}" });
                }

                producer.Flush(TimeSpan.FromSeconds(30));
            }

            while (seen.Distinct().Count() < Records)
            {
                await Task.Delay(20, timeout.Token);
            }
        }
        finally
        {
            await ours.DisposeAsync();
        }

        // Our consumer left with LeaveGroup: the Confluent member takes everything.
        await WaitForBalancedAsync(cluster, group, [confluent]);
        Assert.That(confluent.Assignment, Has.Length.EqualTo(Partitions));
    }
}
