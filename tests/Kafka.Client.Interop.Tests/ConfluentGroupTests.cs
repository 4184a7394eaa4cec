using Confluent.Kafka;

namespace Interop.Tests;

/// <summary>Confluent.Kafka consumers (librdkafka) sharing partitions in a classic consumer group on the embedded cluster.</summary>
public class ConfluentGroupTests
{
    private const string Topic = "grouped";
    private const int Partitions = 6;

    /// <summary>A consumer polling on its own thread, exposing its current assignment.</summary>
    private sealed class Member : IDisposable
    {
        private readonly IConsumer<Ignore, string> _consumer;
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread _thread;
        private volatile TopicPartition[] _assignment = [];

        public Member(string bootstrap, string group, PartitionAssignmentStrategy strategy)
        {
            var config = new ConsumerConfig
            {
                BootstrapServers = bootstrap,
                GroupId = group,
                PartitionAssignmentStrategy = strategy,
                SessionTimeoutMs = 2_000,
                HeartbeatIntervalMs = 200,
                AutoOffsetReset = AutoOffsetReset.Earliest,
                EnableAutoCommit = false,
            };
            _consumer = new ConsumerBuilder<Ignore, string>(config).Build();
            _consumer.Subscribe(Topic);
            _thread = new Thread(Poll) { IsBackground = true };
            _thread.Start();
        }

        public TopicPartition[] Assignment => _assignment;

        public IConsumer<Ignore, string> Consumer => _consumer;

        private void Poll()
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    ConsumeResult<Ignore, string>? result = _consumer.Consume(TimeSpan.FromMilliseconds(50));
                    if (result is { IsPartitionEOF: false })
                    {
                        _consumer.Commit(result);
                    }
                }
                catch (KafkaException)
                {
                }

                _assignment = [.. _consumer.Assignment];
            }
        }

        /// <summary>Stops polling; the caller then closes (leave) or disposes without closing (crash).</summary>
        public void StopPolling()
        {
            _stop.Cancel();
            _thread.Join();
        }

        public void Leave()
        {
            StopPolling();
            _consumer.Close();
            _consumer.Dispose();
        }

        /// <summary>Disposing without Close does not leave the group: the coordinator must time the member out.</summary>
        public void Crash()
        {
            StopPolling();
            _consumer.Dispose();
        }

        public void Dispose()
        {
            if (!_stop.IsCancellationRequested)
            {
                Leave();
            }
        }
    }

    private static async Task WaitForBalancedAsync(IReadOnlyList<Member> members)
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
        var members = new List<Member>
        {
            new(cluster.BootstrapServers, group, strategy),
            new(cluster.BootstrapServers, group, strategy),
            new(cluster.BootstrapServers, group, strategy),
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

            members.Add(new Member(cluster.BootstrapServers, group, strategy));
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
            foreach (Member member in members)
            {
                member.Dispose();
            }
        }
    }
}
