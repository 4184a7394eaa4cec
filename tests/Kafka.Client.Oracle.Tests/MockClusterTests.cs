using System.Collections.Concurrent;
using System.Globalization;
using Kafka.Client.Protocol;
using Kafka.Client.TestSupport;

namespace Kafka.Client.Oracle.Tests;

/// <summary>
/// Our producer, consumer and admin client against librdkafka's mock cluster, with its own versions and with
/// those of librdkafka 2.0.2's mock (older brokers): the same behaviour our own broker's tests expect.
/// </summary>
[TestFixtureSource(typeof(MockProfile), nameof(MockProfile.All))]
public class MockClusterTests(MockProfile profile)
{
    private LibrdkafkaMockCluster _mock = null!;
    private int _topics;

    // One cluster per fixture: every test uses its own topics and groups.
    [OneTimeSetUp]
    public void StartMock() => _mock = profile.Start();

    [OneTimeTearDown]
    public void StopMock() => _mock.Dispose();

    private string NewTopic(int partitions)
    {
        string topic = $"t{Interlocked.Increment(ref _topics)}";
        _mock.CreateTopic(topic, partitions, 3);
        return topic;
    }

    // With KAFKA_ORACLE_DEBUG set, the clients' logs go to the progress output too, interleaved with the mock's.
    private static TestLoggerFactory? Logs(string name) => Environment.GetEnvironmentVariable("KAFKA_ORACLE_DEBUG") is null ? null : new TestLoggerFactory(name);

    private ProducerOptions Producer() => new() { BootstrapServers = _mock.BootstrapServers, LingerMs = 1, RetryBackoffMs = 10, RetryBackoffMaxMs = 200, LoggerFactory = Logs("producer") };

    private ConsumerOptions Consumer(string? group) => new()
    {
        BootstrapServers = _mock.BootstrapServers,
        GroupId = group,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        SessionTimeoutMs = 6_000,
        HeartbeatIntervalMs = 500,
        LoggerFactory = Logs("consumer"),
    };

    [Test]
    public async Task Records_produced_with_keys_and_headers_are_consumed_back_in_order()
    {
        string topic = NewTopic(1);
        await using (var producer = new KafkaProducer<string, string>(Producer()))
        {
            for (int i = 0; i < 50; i++)
            {
                var headers = new Headers { { "n", [(byte)i] } };
                await producer.ProduceAsync(new TopicPartition(topic, 0), new Message<string, string> { Key = $"k{i}", Value = $"v{i}", Headers = headers });
            }
        }

        await using var consumer = new KafkaConsumer<string, string>(Consumer(null));
        consumer.Assign([new TopicPartitionOffset(topic, 0, Offset.Beginning)]);
        var seen = new List<ConsumeResult<string, string>>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (ConsumeResult<string, string> record in consumer.ConsumeAsync(timeout.Token))
        {
            seen.Add(record);
            if (seen.Count == 50)
            {
                break;
            }
        }

        Assert.That(seen.Select(r => r.Offset), Is.EqualTo(Enumerable.Range(0, 50).Select(i => (long)i)));
        Assert.That(seen.Select(r => r.Message.Key), Is.EqualTo(Enumerable.Range(0, 50).Select(i => $"k{i}")));
        Assert.That(seen.Select(r => r.Message.Headers!.GetLastBytes("n")![0]), Is.EqualTo(Enumerable.Range(0, 50).Select(i => (byte)i)));
    }

    [TestCase(PartitionAssignmentStrategy.Range)]
    [TestCase(PartitionAssignmentStrategy.RoundRobin)]
    [TestCase(PartitionAssignmentStrategy.CooperativeSticky)]
    public async Task Two_members_of_a_group_split_six_partitions_between_them(PartitionAssignmentStrategy strategy)
    {
        string topic = NewTopic(6);
        string group = "g-" + topic;
        ConsumerOptions options = Consumer(group);
        options.PartitionAssignmentStrategy = [strategy];
        await using var first = new KafkaConsumer<string, string>(options);
        await using var second = new KafkaConsumer<string, string>(options);
        using var stop = new CancellationTokenSource();
        Task[] loops = [ConsumeLoopAsync(first, topic, stop.Token), Task.Delay(1_000).ContinueWith(_ => ConsumeLoopAsync(second, topic, stop.Token)).Unwrap()];

        await Eventually.WaitUntilAsync(() =>
        {
            var a = first.Assignment.ToHashSet();
            var b = second.Assignment.ToHashSet();
            return a.Count > 0 && b.Count > 0 && !a.Overlaps(b) && a.Count + b.Count == 6;
        }, () => $"a 6-partition split; first owns [{string.Join(",", first.Assignment.Select(p => p.Partition))}], second owns [{string.Join(",", second.Assignment.Select(p => p.Partition))}]", seconds: 40);

        await stop.CancelAsync();
        await Task.WhenAll(loops);
    }

    [Test]
    public async Task Our_consumer_and_a_librdkafka_consumer_split_six_partitions_in_one_group()
    {
        string topic = NewTopic(6);
        string group = "mixed-" + topic;
        ConsumerOptions options = Consumer(group);
        options.PartitionAssignmentStrategy = [PartitionAssignmentStrategy.Range];
        await using var ours = new KafkaConsumer<string, string>(options);
        using var theirs = new Confluent.Kafka.ConsumerBuilder<string, string>(new Confluent.Kafka.ConsumerConfig
        {
            BootstrapServers = _mock.BootstrapServers,
            GroupId = group,
            AutoOffsetReset = Confluent.Kafka.AutoOffsetReset.Earliest,
            PartitionAssignmentStrategy = Confluent.Kafka.PartitionAssignmentStrategy.Range,
            SessionTimeoutMs = 6_000,
            HeartbeatIntervalMs = 500,
        }).Build();
        using var stop = new CancellationTokenSource();
        var theirAssignment = Array.Empty<int>();

        // Ours joins first, and librdkafka's 2 s later: within the 3 s the mock waits for more members of a new group
        // (one round, as with Kafka's group.initial.rebalance.delay.ms), and after ours even when our start is slow,
        // so ours leads the group. (Waiting for ours to own everything first takes a second round, which the mock
        // holds open for session.timeout.ms - 1 s, and was no steadier.)
        // The mock ends a SyncGroup round as soon as it holds an assignment for every member (rdkafka_mock_cgrp.c,
        // rd_kafka_mock_cgrp_classic_sync_check counts assignments, not SyncGroup requests), so a follower whose
        // SyncGroup comes after the leader's finds the group Up, gets INVALID_REQUEST and rejoins; a real coordinator
        // answers it with its assignment. With librdkafka leading, its assignment is sent a millisecond or two after
        // the JoinGroup answers and our follower lost that race round after round under load. Led by ours,
        // librdkafka's follower syncs at once, and ours computes the split.
        Task ourLoop = ConsumeLoopAsync(ours, topic, stop.Token);
        Task theirLoop = Task.Run(async () =>
        {
            await Task.Delay(2_000);
            theirs.Subscribe(topic);
            while (!stop.IsCancellationRequested)
            {
                theirs.Consume(TimeSpan.FromMilliseconds(100));
                Volatile.Write(ref theirAssignment, [.. theirs.Assignment.Select(p => p.Partition.Value)]);
            }

            theirs.Close();
        });

        await Eventually.WaitUntilAsync(() =>
        {
            var a = ours.Assignment.Select(p => p.Partition).ToHashSet();
            int[] b = Volatile.Read(ref theirAssignment);
            return a.Count > 0 && b.Length > 0 && !a.Overlaps(b) && a.Count + b.Length == 6;
        }, () => $"a 6-partition split; ours owns [{string.Join(",", ours.Assignment.Select(p => p.Partition))}], librdkafka's owns [{string.Join(",", Volatile.Read(ref theirAssignment))}]{(ourLoop.IsFaulted ? "; our consumer failed: " + ourLoop.Exception!.InnerException : "")}", seconds: 40);

        await stop.CancelAsync();
        await Task.WhenAll(ourLoop, theirLoop);
    }

    private static async Task ConsumeLoopAsync(KafkaConsumer<string, string> consumer, string topic, CancellationToken stop)
    {
        consumer.Subscribe(topic);
        try
        {
            await foreach (ConsumeResult<string, string> _ in consumer.ConsumeAsync(stop))
            {
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    [Test]
    public async Task The_idempotent_producer_keeps_order_per_key_while_every_leader_moves_three_times()
    {
        const int Messages = 20_000;
        const int Partitions = 3;
        string topic = NewTopic(Partitions);
        var failures = new ConcurrentBag<string>();
        await using (var producer = new KafkaProducer<string, string>(Producer()))
        {
            Task moves = Task.Run(async () =>
            {
                for (int round = 1; round <= 3; round++)
                {
                    await Task.Delay(150);
                    for (int p = 0; p < Partitions; p++)
                    {
                        _mock.SetLeader(topic, p, ((p + round) % _mock.Brokers) + 1);
                    }
                }
            });
            for (int i = 0; i < Messages; i++)
            {
                producer.Produce(topic, new Message<string, string> { Key = $"key-{i % 10}", Value = i.ToString(CultureInfo.InvariantCulture) }, report =>
                {
                    if (report.Error is { } error)
                    {
                        failures.Add(error.Message);
                    }
                });
                if (i % 200 == 0)
                {
                    await Task.Delay(5);
                }
            }

            await moves;
            await producer.FlushAsync();
        }

        Assert.That(failures, Is.Empty);
        var values = new List<ConsumeResult<string, string>>();
        await using (var consumer = new KafkaConsumer<string, string>(Consumer(null)))
        {
            consumer.Assign(Enumerable.Range(0, Partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await foreach (ConsumeResult<string, string> record in consumer.ConsumeAsync(timeout.Token))
            {
                values.Add(record);
                if (values.Count == Messages)
                {
                    break;
                }
            }
        }

        Assert.That(values.Select(r => r.Message.Value).Distinct().Count(), Is.EqualTo(Messages), "lost or duplicated");
        var outOfOrder = values.GroupBy(r => r.Message.Key)
            .SelectMany(g => g.OrderBy(r => r.Offset).Zip(g.OrderBy(r => r.Offset).Skip(1)))
            .Where(pair => int.Parse(pair.First.Message.Value, CultureInfo.InvariantCulture) > int.Parse(pair.Second.Message.Value, CultureInfo.InvariantCulture))
            .Select(pair => $"{pair.Second.Message.Key}: message {pair.Second.Message.Value} at {pair.Second.TopicPartitionOffset} after {pair.First.Message.Value} at {pair.First.Offset}")
            .ToList();
        Assert.That(outOfOrder, Is.Empty);
    }

    [Test]
    public async Task Positions_are_found_for_fresh_consumers_again_and_again()
    {
        string topic = NewTopic(3);
        await using (var producer = new KafkaProducer<string, string>(Producer()))
        {
            for (int p = 0; p < 3; p++)
            {
                await producer.ProduceAsync(new TopicPartition(topic, p), new Message<string, string> { Key = "k", Value = "v" });
            }
        }

        for (int run = 0; run < 8; run++)
        {
            string? group = run % 2 == 0 ? null : $"positions-{run}";
            await using var consumer = new KafkaConsumer<string, string>(Consumer(group));
            if (group is null)
            {
                consumer.Assign(Enumerable.Range(0, 3).Select(p => new TopicPartition(topic, p)));
            }
            else
            {
                consumer.Subscribe(topic);
            }

            var seen = new HashSet<int>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await foreach (ConsumeResult<string, string> record in consumer.ConsumeAsync(timeout.Token))
            {
                seen.Add(record.Partition);
                if (seen.Count == 3)
                {
                    break;
                }
            }
        }
    }

    [Test]
    public async Task The_admin_client_describes_topics_lists_offsets_and_reads_committed_offsets()
    {
        string topic = NewTopic(2);
        await using (var producer = new KafkaProducer<string, string>(Producer()))
        {
            await producer.ProduceAsync(new TopicPartition(topic, 1), new Message<string, string> { Key = "k", Value = "v" });
        }

        await using (var consumer = new KafkaConsumer<string, string>(Consumer("admin-" + topic)))
        {
            consumer.Assign([new TopicPartition(topic, 1)]);
            await consumer.CommitAsync([new TopicPartitionOffset(topic, 1, 1)]);
        }

        await using var admin = new KafkaAdminClient(new AdminClientOptions { BootstrapServers = _mock.BootstrapServers, DefaultApiTimeoutMs = 15_000 });
        TopicDescription described = (await admin.DescribeTopicsAsync([topic])).ThrowIfAnyFailed()[0];
        Assert.That(described.Partitions.Select(p => p.Replicas.Count), Is.EqualTo(new[] { 3, 3 }));

        var offsets = await admin.ListOffsetsAsync(new Dictionary<TopicPartition, OffsetSpec> { [new(topic, 0)] = OffsetSpec.Latest, [new(topic, 1)] = OffsetSpec.Latest });
        Assert.That(offsets.Select(o => o.Offset), Is.EqualTo(new long[] { 0, 1 }));

        var committed = await admin.ListConsumerGroupOffsetsAsync("admin-" + topic, [new TopicPartition(topic, 1)]);
        Assert.That(committed.Single().Offset, Is.EqualTo(1));
    }

    [Test]
    public async Task Injected_produce_and_fetch_errors_and_a_broker_restart_lose_nothing()
    {
        string topic = NewTopic(1);
        _mock.SetLeader(topic, 0, 1);
        var acknowledged = new ConcurrentBag<string>();
        await using (var producer = new KafkaProducer<string, string>(Producer()))
        {
            _mock.PushRequestErrors(ApiKey.Produce, ErrorCode.NotLeaderOrFollower, ErrorCode.NotEnoughReplicas, ErrorCode.RequestTimedOut);
            for (int i = 0; i < 200; i++)
            {
                int n = i;
                producer.Produce(new TopicPartition(topic, 0), new Message<string, string> { Key = "k", Value = n.ToString(CultureInfo.InvariantCulture) }, report =>
                {
                    if (report.Error is null)
                    {
                        acknowledged.Add(report.Message.Value);
                    }
                });
            }

            await producer.FlushAsync();
        }

        Assert.That(acknowledged, Has.Count.EqualTo(200));
        _mock.PushRequestErrors(ApiKey.Fetch, ErrorCode.NotLeaderOrFollower, ErrorCode.UnknownServerError);
        var seen = new List<string>();
        await using var consumer = new KafkaConsumer<string, string>(Consumer(null));
        consumer.Assign([new TopicPartitionOffset(topic, 0, Offset.Beginning)]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (ConsumeResult<string, string> record in consumer.ConsumeAsync(timeout.Token))
        {
            seen.Add(record.Message.Value);
            if (seen.Count == 100)
            {
                _mock.BrokerDown(1);
                await Task.Delay(300);
                _mock.BrokerUp(1);
            }

            if (seen.Count == 200)
            {
                break;
            }
        }

        Assert.That(seen, Is.EqualTo(Enumerable.Range(0, 200).Select(i => i.ToString(CultureInfo.InvariantCulture))));
    }
}
