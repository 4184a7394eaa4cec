using System.Collections.Concurrent;
using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Consuming;

/// <summary>A group consuming while members come and go and the coordinator's broker restarts: nothing is lost.</summary>
public class AtLeastOnceTests : ConsumerTestBase
{
    private const string Topic = "ledger";
    private const int Partitions = 6;
    private const int Messages = 200_000;

    protected override EmbeddedKafkaClusterOptions ClusterOptions => new() { Brokers = 3, AutoCreateTopics = false, GroupMinSessionTimeoutMs = 500 };

    [Test]
    [CancelAfter(120_000)]
    public async Task Every_message_is_processed_at_least_once_and_duplicates_only_follow_a_rebalance()
    {
        await Cluster.CreateTopicAsync(Topic, partitions: Partitions, replicationFactor: 3);
        var processed = new ConcurrentBag<(int Partition, long Offset, string Member, int Epoch)>();
        var seen = new CommittedOffsetWatch(Cluster, Topic, Partitions, (Messages / Partitions) + 1);
        var members = new List<GroupMemberRunner>();
        _members = members;
        int next = 0;
        GroupMemberRunner AddMember()
        {
            string name = $"m{next++}";
            var member = new GroupMemberRunner(name, ConsumerOptions("ledger-readers", o =>
            {
                o.EnableAutoCommit = false;
                o.SessionTimeoutMs = 3_000;
                o.HeartbeatIntervalMs = 100;
                o.MaxPollIntervalMs = 10_000;
                o.PartitionAssignmentStrategy = [PartitionAssignmentStrategy.CooperativeSticky];
            }), Topic);
            int sinceCommit = 0;
            member.OnRecord = async record =>
            {
                processed.Add((record.Partition, record.Offset, name, member.Epoch));
                seen.Processed(record.Partition, record.Offset);
                if (++sinceCommit >= 1_000)
                {
                    sinceCommit = 0;
                    try
                    {
                        await member.Consumer.CommitAsync();
                    }
                    catch (CommitFailedException)
                    {
                        // The group rebalanced: the new owner resumes from the last commit; duplicates are allowed here.
                    }
                }
            };
            members.Add(member);
            return member.Start();
        }

        using var watching = new CancellationTokenSource();
        Task watch = seen.WatchAsync(watching.Token);
        try
        {
            AddMember();
            AddMember();
            Task producing = ProduceSlowlyAsync();
            await WaitForProcessedAsync(processed, 20_000);
            AddMember();
            await WaitForProcessedAsync(processed, 60_000);
            GroupMemberRunner leaving = members[0];
            members.RemoveAt(0);
            await leaving.DisposeAsync();
            int coordinator = Cluster.CoordinatorOf("ledger-readers");
            await Cluster.RestartBrokerAsync(coordinator);
            await WaitForProcessedAsync(processed, 120_000);
            AddMember();
            await producing;

            // Everything is processed; then every member commits what it consumed, and the group's offsets reach the end.
            await WaitUntilAsync(() => processed.Select(p => (p.Partition, p.Offset)).Distinct().Count() == Messages,
                () => $"every message processed (have {processed.Select(p => (p.Partition, p.Offset)).Distinct().Count()}: {Describe()})");
            foreach (GroupMemberRunner member in members)
            {
                member.OnRecord = null;
            }

            await WaitUntilAsync(() => members.All(m => m.Consumer.Assignment.All(tp => m.Consumer.Position(tp) == Cluster.DescribePartition(Topic, tp.Partition).HighWatermark)), "positions at the end");
            foreach (GroupMemberRunner member in members)
            {
                await member.StallAsync();
                await member.Consumer.CommitAsync();
            }

            for (int p = 0; p < Partitions; p++)
            {
                Assert.That(Cluster.CommittedOffset("ledger-readers", Topic, p), Is.EqualTo(Cluster.DescribePartition(Topic, p).HighWatermark), $"partition {p} committed to its end");
            }
        }
        finally
        {
            await watching.CancelAsync();
            await watch;
            foreach (GroupMemberRunner member in members)
            {
                await member.DisposeAsync();
            }
        }

        Assert.That(seen.Samples, Is.GreaterThan(100), "the committed offsets were watched throughout");
        Assert.That(seen.Skipped, Is.Empty, "a committed offset was ahead of what had been processed");

        foreach (var partition in processed.GroupBy(p => p.Partition))
        {
            var offsets = partition.Select(p => p.Offset).Distinct().Order().ToList();
            int expected = (Messages / Partitions) + (partition.Key < Messages % Partitions ? 1 : 0);
            Assert.That(offsets, Has.Count.EqualTo(expected), $"partition {partition.Key}: every offset processed");
            Assert.That(offsets[^1], Is.EqualTo(expected - 1));
            var repeatedWithinOneOwnership = partition.GroupBy(p => (p.Offset, p.Member, p.Epoch)).Where(g => g.Count() > 1).Select(g => g.Key).Take(5).ToList();
            Assert.That(repeatedWithinOneOwnership, Is.Empty, $"partition {partition.Key}: a duplicate without a rebalance between");
        }

        async Task ProduceSlowlyAsync()
        {
            await using var producer = new KafkaProducer<Null, string>(new ProducerOptions { BootstrapServers = Cluster.BootstrapServers, LingerMs = 5 });
            for (int chunk = 0; chunk < 40; chunk++)
            {
                var sends = new List<ValueTask<DeliveryResult<Null, string>>>(Messages / 40);
                for (int i = 0; i < Messages / 40; i++)
                {
                    int n = (chunk * (Messages / 40)) + i;
                    sends.Add(producer.ProduceAsync(new TopicPartition(Topic, n % Partitions), new Message<Null, string> { Value = $"m{n}" }));
                }

                foreach (var send in sends)
                {
                    await send;
                }

                await Task.Delay(50);
            }
        }
    }

    private Task WaitForProcessedAsync(ConcurrentBag<(int, long, string, int)> processed, int count) =>
        WaitUntilAsync(() => processed.Count >= count, () => $"{count} records processed (have {processed.Count}; {Describe()})");

    private List<GroupMemberRunner> _members = [];

    private string Describe()
    {
        var group = Cluster.DescribeGroup("ledger-readers");
        return string.Join("; ", _members.Select(m => $"{m.Name} {m.Consumer.MemberId}: {string.Join(",", m.Consumer.Assignment.Select(tp => $"{tp.Partition}@{m.Consumer.Position(tp)}/{Cluster.DescribePartition(Topic, tp.Partition).HighWatermark}"))}"))
            + $" | group {group?.State} gen {group?.GenerationId}: {string.Join(", ", group?.Members.Select(x => $"{x.MemberId} ({x.Assignment.Length} B)") ?? [])}";
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(condition, () => what);

    private static Task WaitUntilAsync(Func<bool> condition, Func<string> what) => Kafka.Client.TestSupport.Eventually.WaitUntilAsync(condition, what, seconds: 60);

    /// <summary>
    /// Samples the group's committed offsets while the test runs and records any that is ahead of what was processed:
    /// a commit must never skip a record no member has processed.
    /// </summary>
    private sealed class CommittedOffsetWatch(EmbeddedKafkaCluster cluster, string topic, int partitions, int perPartition)
    {
        private readonly bool[][] _processed = [.. Enumerable.Range(0, partitions).Select(_ => new bool[perPartition])];
        private readonly long[] _prefix = new long[partitions];

        public ConcurrentQueue<string> Skipped { get; } = new();

        public int Samples { get; private set; }

        public void Processed(int partition, long offset) => Volatile.Write(ref _processed[partition][offset], true);

        public async Task WatchAsync(CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                for (int p = 0; p < partitions; p++)
                {
                    // Read the commit first: whatever it covers was processed before it was made.
                    long? committed = cluster.CommittedOffset("ledger-readers", topic, p);
                    while (_prefix[p] < perPartition && Volatile.Read(ref _processed[p][_prefix[p]]))
                    {
                        _prefix[p]++;
                    }

                    if (committed > _prefix[p])
                    {
                        Skipped.Enqueue($"partition {p}: committed {committed} but only offsets below {_prefix[p]} were all processed");
                    }
                }

                Samples++;
                try
                {
                    await Task.Delay(20, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
