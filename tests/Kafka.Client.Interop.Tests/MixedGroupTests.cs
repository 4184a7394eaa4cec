using Kafka.Client.Testing;
using Ours = Kafka.Client;

namespace Interop.Tests;

/// <summary>Our consumers and Confluent.Kafka consumers in one group, and offsets committed by one read by the other.</summary>
public class MixedGroupTests
{
    private const string Topic = "mixed";
    private const int Partitions = 6;
    private EmbeddedKafkaCluster _cluster = null!;

    [SetUp]
    public async Task StartAsync() => _cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 3, AutoCreateTopics = false, GroupMinSessionTimeoutMs = 500 });

    [TearDown]
    public async Task StopAsync() => await _cluster.DisposeAsync();

    /// <summary>Anything in the group that has an assignment now.</summary>
    private interface IMember : IAsyncDisposable
    {
        string Name { get; }

        IReadOnlyList<(string Topic, int Partition)> Assignment { get; }

        int Consumed { get; }
    }

    private sealed class ConfluentMember : IMember
    {
        private readonly Confluent.Kafka.IConsumer<Confluent.Kafka.Ignore, string> _consumer;
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread _thread;
        private volatile (string, int)[] _assignment = [];
        private int _consumed;

        public ConfluentMember(string name, string bootstrap, string group, Confluent.Kafka.PartitionAssignmentStrategy strategy)
        {
            Name = name;
            _consumer = new Confluent.Kafka.ConsumerBuilder<Confluent.Kafka.Ignore, string>(new Confluent.Kafka.ConsumerConfig
            {
                BootstrapServers = bootstrap,
                GroupId = group,
                PartitionAssignmentStrategy = strategy,
                SessionTimeoutMs = 3_000,
                HeartbeatIntervalMs = 200,
                AutoOffsetReset = Confluent.Kafka.AutoOffsetReset.Earliest,
            }).Build();
            _consumer.Subscribe(Topic);
            _thread = new Thread(() =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    try
                    {
                        if (_consumer.Consume(TimeSpan.FromMilliseconds(50)) is { IsPartitionEOF: false })
                        {
                            Interlocked.Increment(ref _consumed);
                        }
                    }
                    catch (Confluent.Kafka.KafkaException)
                    {
                    }

                    _assignment = [.. _consumer.Assignment.Select(tp => (tp.Topic, tp.Partition.Value))];
                }
            }) { IsBackground = true };
            _thread.Start();
        }

        public string Name { get; }

        public IReadOnlyList<(string Topic, int Partition)> Assignment => _assignment;

        public int Consumed => Volatile.Read(ref _consumed);

        public ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _thread.Join();
            _consumer.Close();
            _consumer.Dispose();
            return ValueTask.CompletedTask;
        }

        public override string ToString() => $"{Name}: [{string.Join(",", _assignment.Select(a => a.Item2))}]";
    }

    private sealed class OurMember : IMember
    {
        private readonly Ours.KafkaConsumer<Ours.Ignore, string> _consumer;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private int _consumed;

        public OurMember(string name, string bootstrap, string group, Ours.PartitionAssignmentStrategy strategy)
        {
            Name = name;
            _consumer = new Ours.KafkaConsumer<Ours.Ignore, string>(new Ours.ConsumerOptions
            {
                BootstrapServers = bootstrap,
                GroupId = group,
                PartitionAssignmentStrategy = [strategy],
                SessionTimeoutMs = 3_000,
                HeartbeatIntervalMs = 200,
                AutoOffsetReset = Ours.AutoOffsetReset.Earliest,
                FetchMaxWaitMs = 50,
            });
            _consumer.Subscribe(Topic);
            _loop = Task.Run(async () =>
            {
                try
                {
                    await foreach (var record in _consumer.ConsumeAsync(_stop.Token))
                    {
                        Interlocked.Increment(ref _consumed);
                    }
                }
                catch (OperationCanceledException)
                {
                }
            });
        }

        public string Name { get; }

        public IReadOnlyList<(string Topic, int Partition)> Assignment => [.. _consumer.Assignment.Select(tp => (tp.Topic, tp.Partition))];

        public int Consumed => Volatile.Read(ref _consumed);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            await _consumer.DisposeAsync();
        }

        public override string ToString() => $"{Name}: [{string.Join(",", Assignment.Select(a => a.Partition))}]";
    }

    [TestCase(Ours.PartitionAssignmentStrategy.CooperativeSticky, Confluent.Kafka.PartitionAssignmentStrategy.CooperativeSticky)]
    [TestCase(Ours.PartitionAssignmentStrategy.Range, Confluent.Kafka.PartitionAssignmentStrategy.Range)]
    public async Task Our_consumers_and_Confluent_consumers_share_a_group(Ours.PartitionAssignmentStrategy ours, Confluent.Kafka.PartitionAssignmentStrategy theirs)
    {
        await _cluster.CreateTopicAsync(Topic, partitions: Partitions, replicationFactor: 3);
        string group = $"mixed-{ours}";
        var members = new List<IMember>
        {
            new OurMember("ours-1", _cluster.BootstrapServers, group, ours),
            new ConfluentMember("confluent-1", _cluster.BootstrapServers, group, theirs),
            new OurMember("ours-2", _cluster.BootstrapServers, group, ours),
            new ConfluentMember("confluent-2", _cluster.BootstrapServers, group, theirs),
        };
        try
        {
            await WaitForBalancedAsync(members);
            await ProduceAsync(600);
            await WaitUntilAsync(() => members.Sum(m => m.Consumed) >= 600, () => $"600 consumed, have {members.Sum(m => m.Consumed)}");
            Assert.That(members.Where(m => m.Name.StartsWith("ours", StringComparison.Ordinal)).Sum(m => m.Consumed), Is.GreaterThan(0));
            Assert.That(members.Where(m => m.Name.StartsWith("confluent", StringComparison.Ordinal)).Sum(m => m.Consumed), Is.GreaterThan(0));

            // One of each leaves; the other two take over everything.
            foreach (IMember leaving in new[] { members[0], members[1] })
            {
                members.Remove(leaving);
                await leaving.DisposeAsync();
            }

            await WaitForBalancedAsync(members);
            members.Add(new OurMember("ours-3", _cluster.BootstrapServers, group, ours));
            await WaitForBalancedAsync(members);
        }
        finally
        {
            foreach (IMember member in members)
            {
                await member.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task Offsets_committed_by_ours_are_seen_by_Confluent_and_the_admin_api_and_the_reverse()
    {
        await _cluster.CreateTopicAsync(Topic, partitions: 2, replicationFactor: 1);
        await ProduceAsync(40, partitions: 2);
        var p0 = new Ours.TopicPartition(Topic, 0);
        await using (var ours = new Ours.KafkaConsumer<Ours.Ignore, string>(new Ours.ConsumerOptions { BootstrapServers = _cluster.BootstrapServers, GroupId = "shared-offsets", EnableAutoCommit = false }))
        {
            ours.Assign([new Ours.TopicPartitionOffset(p0, 0)]);
            await ours.CommitAsync(new Dictionary<Ours.TopicPartition, Ours.OffsetAndMetadata> { [p0] = new(7, "ours was here") });
        }

        using (var confluent = new Confluent.Kafka.ConsumerBuilder<Confluent.Kafka.Ignore, string>(new Confluent.Kafka.ConsumerConfig { BootstrapServers = _cluster.BootstrapServers, GroupId = "shared-offsets", EnableAutoCommit = false }).Build())
        {
            var committed = confluent.Committed([new Confluent.Kafka.TopicPartition(Topic, 0)], TimeSpan.FromSeconds(10));
            Assert.That(committed.Single().Offset.Value, Is.EqualTo(7));
            confluent.Commit([new Confluent.Kafka.TopicPartitionOffset(Topic, 1, 11)]);
        }

        await using (var admin = new Ours.KafkaAdminClient(new Ours.AdminClientOptions { BootstrapServers = _cluster.BootstrapServers }))
        {
            var offsets = await admin.ListConsumerGroupOffsetsAsync("shared-offsets");
            Assert.That(offsets.Select(o => (o.TopicPartition.Partition, o.Offset)).Order(), Is.EqualTo(new (int, long?)[] { (0, 7L), (1, 11L) }));
        }

        await using var again = new Ours.KafkaConsumer<Ours.Ignore, string>(new Ours.ConsumerOptions { BootstrapServers = _cluster.BootstrapServers, GroupId = "shared-offsets" });
        var seen = await again.CommittedAsync([p0, new Ours.TopicPartition(Topic, 1)]);
        Assert.That(seen[p0], Is.EqualTo(new Ours.OffsetAndMetadata(7, "ours was here")));
        Assert.That(seen[new Ours.TopicPartition(Topic, 1)].Offset, Is.EqualTo(11));

        // A consumer of ours in the group resumes from Confluent's commit.
        again.Subscribe(Topic);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var record in again.ConsumeAsync(timeout.Token))
        {
            if (record.Partition == 1)
            {
                Assert.That(record.Offset, Is.EqualTo(11), "the first record of partition 1 is the one after Confluent's commit");
                break;
            }
        }
    }

    private async Task ProduceAsync(int count, int partitions = Partitions)
    {
        await using var producer = new Ours.KafkaProducer<Ours.Null, string>(new Ours.ProducerOptions { BootstrapServers = _cluster.BootstrapServers });
        for (int i = 0; i < count; i++)
        {
            await producer.ProduceAsync(new Ours.TopicPartition(Topic, i % partitions), new Ours.Message<Ours.Null, string> { Value = $"m{i}" });
        }
    }

    private static async Task WaitForBalancedAsync(List<IMember> members)
    {
        int stable = 0;
        await WaitUntilAsync(() =>
        {
            var all = members.SelectMany(m => m.Assignment).ToList();
            bool ok = all.Count == Partitions && all.Distinct().Count() == Partitions && members.All(m => m.Assignment.Count >= Partitions / members.Count);
            stable = ok ? stable + 1 : 0;
            return stable >= 5;
        }, () => $"balanced group: {string.Join("; ", members)}");
    }

    private static Task WaitUntilAsync(Func<bool> condition, Func<string> what) => Kafka.Client.TestSupport.Eventually.WaitUntilAsync(condition, what, seconds: 45);
}
