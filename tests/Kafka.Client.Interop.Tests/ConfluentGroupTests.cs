using Confluent.Kafka;

namespace Interop.Tests;

/// <summary>Confluent.Kafka consumers (librdkafka) sharing partitions in a classic consumer group on the embedded cluster.</summary>
public class ConfluentGroupTests
{
    private const string Topic = "grouped";
    private const int Partitions = 6;

    /// <summary>A Confluent consumer of the classic protocol with <paramref name="strategy"/> and short timeouts.</summary>
    private static ConfluentGroupMember Member(string bootstrap, string group, PartitionAssignmentStrategy strategy)
    {
        ConsumerConfig config = ConfluentGroupMember.Config(bootstrap, group);
        config.PartitionAssignmentStrategy = strategy;
        config.SessionTimeoutMs = 2_000;
        config.HeartbeatIntervalMs = 200;
        return new ConfluentGroupMember(config, Topic);
    }

    private static async Task WaitForBalancedAsync(IReadOnlyList<ConfluentGroupMember> members)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var all = members.SelectMany(m => m.Assignment).ToList();
            bool complete = all.Count == Partitions && all.Select(tp => tp.Partition.Value).Distinct().Count() == Partitions;
            bool everyoneHasSome = members.All(m => m.Assignment.Length > 0);
            if (complete && everyoneHasSome)
            {
                return;
            }

            try
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail("assignments did not become disjoint and complete: " +
                    string.Join(" | ", members.Select(m => string.Join(",", m.Assignment.Select(tp => tp.Partition.Value)))));
            }
        }
    }

    [TestCase(PartitionAssignmentStrategy.Range)]
    [TestCase(PartitionAssignmentStrategy.CooperativeSticky)]
    public async Task Members_share_partitions_through_leave_crash_and_join_and_offsets_are_kept(PartitionAssignmentStrategy strategy)
    {
        await using var cluster = await Kafka.Client.Testing.EmbeddedKafkaCluster.StartAsync(new Kafka.Client.Testing.EmbeddedKafkaClusterOptions
        {
            Brokers = 3,
            GroupMinSessionTimeoutMs = 1_000,
        });
        await cluster.CreateTopicAsync(Topic, partitions: Partitions, replicationFactor: 3);
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            for (int i = 0; i < 600; i++)
            {
                producer.Produce(new TopicPartition(Topic, i % Partitions), new Message<Null, string> { Value = $"m{i}" });
            }

            producer.Flush(TimeSpan.FromSeconds(30));
        }

        string group = "g-" + strategy;
        var members = new List<ConfluentGroupMember>
        {
            Member(cluster.BootstrapServers, group, strategy),
            Member(cluster.BootstrapServers, group, strategy),
            Member(cluster.BootstrapServers, group, strategy),
        };
        try
        {
            await WaitForBalancedAsync(members);

            members[0].Leave();
            members.RemoveAt(0);
            await WaitForBalancedAsync(members);

            members[0].Crash();
            members.RemoveAt(0);
            await WaitForBalancedAsync(members);

            members.Add(Member(cluster.BootstrapServers, group, strategy));
            await WaitForBalancedAsync(members);

            // Everything was consumed and committed: a new member of the group and the AdminClient see the offsets.
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (true)
            {
                var listed = await admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions(group, null)]);
                var offsets = listed.Single().Partitions;
                if (offsets.Count == Partitions && offsets.All(p => p.Offset.Value == 100))
                {
                    break;
                }

                await Task.Delay(100, timeout.Token);
            }

            var committed = members[0].Consumer.Committed(Enumerable.Range(0, Partitions).Select(p => new TopicPartition(Topic, p)), TimeSpan.FromSeconds(10));
            Assert.That(committed.Select(c => c.Offset.Value), Is.All.EqualTo(100));
        }
        finally
        {
            foreach (ConfluentGroupMember member in members)
            {
                member.Dispose();
            }
        }
    }
}
