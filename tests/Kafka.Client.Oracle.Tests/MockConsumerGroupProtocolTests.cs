using System.Collections.Concurrent;
using System.Globalization;
using Kafka.Client.Protocol;
using Kafka.Client.TestSupport;

namespace Kafka.Client.Oracle.Tests;

/// <summary>
/// The consumer group protocol of KIP-848 (<c>group.protocol=consumer</c>) against librdkafka 2.16's mock cluster, whose
/// consumer-group coordinator (rdkafka_mock_cgrp.c) is an implementation independent of our embedded broker.
/// </summary>
public class MockConsumerGroupProtocolTests
{
    private LibrdkafkaMockCluster _mock = null!;
    private int _topics;

    [OneTimeSetUp]
    public void StartMock()
    {
        _mock = MockProfile.Current.Start();
        _mock.SetConsumerGroupTimeouts(sessionTimeoutMs: 3_000, heartbeatIntervalMs: 300);
    }

    [OneTimeTearDown]
    public void StopMock() => _mock.Dispose();

    private string NewTopic(int partitions)
    {
        string topic = $"kip848-{Interlocked.Increment(ref _topics)}";
        _mock.CreateTopic(topic, partitions, 3);
        return topic;
    }

    private ConsumerOptions Consumer(string group) => new()
    {
        BootstrapServers = _mock.BootstrapServers,
        GroupId = group,
        GroupProtocol = GroupProtocol.Consumer,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = false,
        LoggerFactory = Environment.GetEnvironmentVariable("KAFKA_ORACLE_DEBUG") is null ? null : new TestLoggerFactory(group),
    };

    private async Task ProduceAsync(string topic, int partitions, int perPartition)
    {
        await using var producer = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = _mock.BootstrapServers, LingerMs = 1 });
        for (int p = 0; p < partitions; p++)
        {
            for (int i = 0; i < perPartition; i++)
            {
                await producer.ProduceAsync(new TopicPartition(topic, p), new Message<string, string> { Key = $"{p}", Value = i.ToString(CultureInfo.InvariantCulture) });
            }
        }
    }

    [Test]
    public async Task A_member_joins_with_its_own_member_id_consumes_every_partition_and_commits_with_its_epoch()
    {
        string topic = NewTopic(3);
        await ProduceAsync(topic, 3, 10);
        await using var consumer = new KafkaConsumer<string, string>(Consumer("join-" + topic));
        var assigned = new List<TopicPartition>();
        consumer.OnPartitionsAssigned = (partitions, _) =>
        {
            assigned.AddRange(partitions);
            return ValueTask.CompletedTask;
        };
        consumer.Subscribe(topic);
        string memberId = consumer.MemberId;

        var seen = new HashSet<(int, string)>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (ConsumeResult<string, string> record in consumer.ConsumeAsync(timeout.Token))
        {
            seen.Add((record.Partition, record.Message.Value));
            if (seen.Count == 30)
            {
                break;
            }
        }

        // KIP-1082: the id is the client's own, a Kafka UUID, kept once in the group.
        Assert.That(KafkaUuid.Parse(memberId).IsZero, Is.False);
        Assert.That(consumer.MemberId, Is.EqualTo(memberId));
        Assert.That(assigned.Select(p => p.Partition).Order(), Is.EqualTo(new[] { 0, 1, 2 }));
        ConsumerGroupMetadata metadata = consumer.ConsumerGroupMetadata;
        Assert.That(metadata.GenerationId, Is.GreaterThan(0), "the member epoch is the group metadata's generation");

        await consumer.CommitAsync();
        IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> committed = await consumer.CommittedAsync([.. Enumerable.Range(0, 3).Select(p => new TopicPartition(topic, p))]);
        Assert.That(committed.Values.Select(o => o.Offset), Is.All.EqualTo(10));
    }

    [Test]
    public async Task Two_members_split_the_partitions_and_the_one_left_takes_them_all_after_the_other_leaves()
    {
        string topic = NewTopic(6);
        string group = "split-" + topic;
        await using var first = new KafkaConsumer<string, string>(Consumer(group));
        var second = new KafkaConsumer<string, string>(Consumer(group));
        using var stop = new CancellationTokenSource();
        using var stopSecond = new CancellationTokenSource();
        Task firstLoop = ConsumeLoopAsync(first, topic, stop.Token);
        Task secondLoop = ConsumeLoopAsync(second, topic, stopSecond.Token);

        await Eventually.WaitUntilAsync(() =>
        {
            var a = first.Assignment.ToHashSet();
            var b = second.Assignment.ToHashSet();
            return a.Count > 0 && b.Count > 0 && !a.Overlaps(b) && a.Count + b.Count == 6;
        }, () => $"a split of 6 partitions; first owns [{string.Join(",", first.Assignment.Select(p => p.Partition))}], second owns [{string.Join(",", second.Assignment.Select(p => p.Partition))}]{Failure(firstLoop, secondLoop)}", seconds: 30);

        await stopSecond.CancelAsync();
        await secondLoop;
        await second.DisposeAsync(); // leaves with epoch -1: its partitions go to the first at once

        await Eventually.WaitUntilAsync(() => first.Assignment.Count == 6,
            () => $"the first member owning all 6 partitions; it owns [{string.Join(",", first.Assignment.Select(p => p.Partition))}]{Failure(firstLoop)}", seconds: 20);
        await stop.CancelAsync();
        await firstLoop;
    }

    [Test]
    public async Task Our_member_and_a_librdkafka_member_of_the_consumer_protocol_share_a_group()
    {
        string topic = NewTopic(4);
        string group = "mixed-" + topic;
        await using var ours = new KafkaConsumer<string, string>(Consumer(group));
        using var theirs = new Confluent.Kafka.ConsumerBuilder<string, string>(new Confluent.Kafka.ConsumerConfig
        {
            BootstrapServers = _mock.BootstrapServers,
            GroupId = group,
            GroupProtocol = Confluent.Kafka.GroupProtocol.Consumer,
            AutoOffsetReset = Confluent.Kafka.AutoOffsetReset.Earliest,
        }).Build();
        using var stop = new CancellationTokenSource();
        var theirAssignment = Array.Empty<int>();
        Task theirLoop = Task.Run(() =>
        {
            theirs.Subscribe(topic);
            while (!stop.IsCancellationRequested)
            {
                theirs.Consume(TimeSpan.FromMilliseconds(100));
                Volatile.Write(ref theirAssignment, [.. theirs.Assignment.Select(p => p.Partition.Value)]);
            }

            theirs.Close();
        });
        Task ourLoop = ConsumeLoopAsync(ours, topic, stop.Token);

        await Eventually.WaitUntilAsync(() =>
        {
            var a = ours.Assignment.Select(p => p.Partition).ToHashSet();
            int[] b = Volatile.Read(ref theirAssignment);
            return a.Count > 0 && b.Length > 0 && !a.Overlaps(b) && a.Count + b.Length == 4;
        }, () => $"a 4-partition split; ours owns [{string.Join(",", ours.Assignment.Select(p => p.Partition))}], librdkafka's owns [{string.Join(",", Volatile.Read(ref theirAssignment))}]{Failure(ourLoop)}", seconds: 30);

        await stop.CancelAsync();
        await Task.WhenAll(ourLoop, theirLoop);
    }

    [Test]
    public async Task A_commit_the_mock_answers_with_STALE_MEMBER_EPOCH_is_sent_again_after_the_next_heartbeat_and_commits()
    {
        string topic = NewTopic(2);
        await ProduceAsync(topic, 2, 5);
        await using var consumer = new KafkaConsumer<string, string>(Consumer("stale-" + topic));
        consumer.Subscribe(topic);
        await ConsumeCountAsync(consumer, 10);

        // Java's CommitRequestManager (commitSync): STALE_MEMBER_EPOCH is retried with the epoch of the latest heartbeat.
        _mock.PushRequestErrors(ApiKey.OffsetCommit, ErrorCode.StaleMemberEpoch);
        await consumer.CommitAsync();

        IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> committed = await consumer.CommittedAsync([new TopicPartition(topic, 0), new TopicPartition(topic, 1)]);
        Assert.That(committed.Values.Select(o => o.Offset), Is.All.EqualTo(5));
    }

    [TestCase(ErrorCode.FencedMemberEpoch)]
    [TestCase(ErrorCode.UnknownMemberId)]
    public async Task A_member_the_mock_fences_loses_its_partitions_and_rejoins_with_its_member_id(ErrorCode fence)
    {
        string topic = NewTopic(2);
        await ProduceAsync(topic, 2, 5);
        await using var consumer = new KafkaConsumer<string, string>(Consumer($"fence-{(int)fence}-" + topic));
        var lost = new List<TopicPartition>();
        var revoked = new List<TopicPartition>();
        consumer.OnPartitionsLost = (partitions, _) =>
        {
            lock (lost)
            {
                lost.AddRange(partitions);
            }

            return ValueTask.CompletedTask;
        };
        consumer.OnPartitionsRevoked = (partitions, _) =>
        {
            revoked.AddRange(partitions);
            return ValueTask.CompletedTask;
        };
        consumer.Subscribe(topic);
        await ConsumeCountAsync(consumer, 10);
        await consumer.CommitAsync();
        string memberId = consumer.MemberId;

        _mock.PushRequestErrors(ApiKey.ConsumerGroupHeartbeat, fence);
        await ProduceAsync(topic, 2, 5);

        // AbstractMembershipManager.transitionToFenced: onPartitionsLost, then a join with epoch 0 and the same id; the
        // records produced meanwhile arrive from the committed offsets on.
        List<ConsumeResult<string, string>> after = await ConsumeCountAsync(consumer, 10);
        Assert.That(lost.Select(p => p.Partition).Order(), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(revoked, Is.Empty);
        Assert.That(consumer.MemberId, Is.EqualTo(memberId));
        Assert.That(consumer.ConsumerGroupMetadata.GenerationId, Is.GreaterThan(0));
        Assert.That(after.Select(r => r.Offset).Order(), Is.EqualTo(new long[] { 5, 5, 6, 6, 7, 7, 8, 8, 9, 9 }), "resumed at the committed offsets, nothing skipped");
    }

    [Test]
    public async Task Against_librdkafka_2_0_2s_mock_without_ConsumerGroupHeartbeat_consuming_fails_naming_the_broker_and_group_protocol_classic()
    {
        using LibrdkafkaMockCluster old = MockProfile.Debian202.Start();
        old.CreateTopic("old", 1, 3);
        ConsumerOptions options = Consumer("old-g");
        options.BootstrapServers = old.BootstrapServers;
        await using var consumer = new KafkaConsumer<string, string>(options);
        consumer.Subscribe("old");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        KafkaException? error = Assert.ThrowsAsync<KafkaException>(async () => await consumer.ConsumeAsync(TimeSpan.FromSeconds(15), timeout.Token));
        Assert.That(error!.Error, Is.EqualTo(ErrorCode.UnsupportedVersion));
        Assert.That(error.Message, Does.Contain("ConsumerGroupHeartbeat").And.Contain("(broker ").And.Contain("group.protocol=classic"));
    }

    private static async Task<List<ConsumeResult<string, string>>> ConsumeCountAsync(KafkaConsumer<string, string> consumer, int count)
    {
        var records = new List<ConsumeResult<string, string>>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (ConsumeResult<string, string> record in consumer.ConsumeAsync(timeout.Token))
        {
            records.Add(record);
            if (records.Count == count)
            {
                break;
            }
        }

        return records;
    }

    private static string Failure(params Task[] loops) =>
        string.Concat(loops.Where(l => l.IsFaulted).Select(l => "; a consumer failed: " + l.Exception!.InnerException));

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
}
