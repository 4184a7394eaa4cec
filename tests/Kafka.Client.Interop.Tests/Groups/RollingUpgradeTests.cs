using System.Collections.Concurrent;
using Confluent.Kafka;
using Kafka.Client.Testing;
using Ours = Kafka.Client;

namespace Interop.Tests;

/// <summary>
/// A rolling upgrade from the classic protocol to the consumer protocol (KIP-848) while records flow, as Kafka 4
/// supports it: a classic group of a Confluent.Kafka consumer and ours; the Confluent member restarts with
/// <c>group.protocol=consumer</c>, which upgrades the group online while our classic member stays in it, served by
/// the consumer group coordinator; then ours restarts with the consumer protocol too. No partition is ever held by
/// two members in the broker's view, every acknowledged record is consumed, and the committed offsets end at the log ends.
/// </summary>
public class RollingUpgradeTests
{
    private const string Topic = "rolling";
    private const int Partitions = 6;

    [Test]
    [CancelAfter(90_000)]
    public async Task A_classic_group_is_upgraded_member_by_member_while_records_flow(CancellationToken cancellationToken)
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions
        {
            Brokers = 1,
            GroupMinSessionTimeoutMs = 1_000,
            ConsumerGroupMinHeartbeatIntervalMs = 50,
            ConsumerGroupHeartbeatIntervalMs = 200,
        }, cancellationToken);
        await cluster.CreateTopicAsync(Topic, partitions: Partitions, replicationFactor: 1, cancellationToken: cancellationToken);
        const string group = "rolling-upgrade";
        var seen = new ConcurrentBag<string>();
        var acknowledged = new ConcurrentBag<string>();
        using var stopProducing = new CancellationTokenSource();
        Task producing = ProduceUntilAsync(cluster.BootstrapServers, acknowledged, stopProducing.Token);
        using var stopWatching = new CancellationTokenSource();
        var overlaps = new ConcurrentQueue<string>();
        Task watching = WatchAsync(cluster, group, overlaps, stopWatching.Token);

        ConsumerConfig classicConfig = ConfluentGroupMember.Config(cluster.BootstrapServers, group);
        classicConfig.PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky;
        classicConfig.SessionTimeoutMs = 3_000;
        classicConfig.HeartbeatIntervalMs = 200;
        var confluent = new ConfluentGroupMember(classicConfig, Topic, seen);
        var ours = new OurGroupMember(OurOptions(cluster.BootstrapServers, group, Ours.GroupProtocol.Classic), Topic, seen);
        try
        {
            await WaitUntilAsync(() => cluster.DescribeGroup(group) is { State: "Stable", Members.Count: 2 } && Shares(confluent.Assignment, ours.Assignment),
                "the classic group of two was stable with both members holding partitions", cancellationToken);

            confluent.Leave();
            confluent = new ConfluentGroupMember(ConfluentGroupMember.Config(cluster.BootstrapServers, group, GroupProtocol.Consumer), Topic, seen);
            await WaitUntilAsync(() => cluster.DescribeConsumerGroup(group) is { State: "Stable", Members.Count: 2 } && Shares(confluent.Assignment, ours.Assignment),
                "the upgraded group was stable with the classic member and the consumer-protocol member", cancellationToken);
            Assert.That(cluster.DescribeGroup(group), Is.Null, "the classic group became a consumer group");

            await ours.DisposeAsync();
            ours = new OurGroupMember(OurOptions(cluster.BootstrapServers, group, Ours.GroupProtocol.Consumer), Topic, seen);
            await WaitUntilAsync(() => cluster.DescribeConsumerGroup(group) is { State: "Stable", Members.Count: 2 } && Shares(confluent.Assignment, ours.Assignment),
                "the group of two consumer-protocol members was stable", cancellationToken);

            await stopProducing.CancelAsync();
            await producing;
            await WaitUntilAsync(() => acknowledged.Except(seen).Any() is false, "every acknowledged record was consumed", cancellationToken);
        }
        finally
        {
            await stopProducing.CancelAsync();
            await ours.DisposeAsync();
            confluent.Dispose();
            await stopWatching.CancelAsync();
            await watching;
        }

        Assert.That(overlaps, Is.Empty, "a partition was held by two members at once in the broker's view");
        Assert.That(acknowledged, Is.Not.Empty);
        var ends = acknowledged.Select(v => int.Parse(v.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) % Partitions)
            .GroupBy(p => p).ToDictionary(g => g.Key, g => (long)g.Count());
        for (int p = 0; p < Partitions; p++)
        {
            Assert.That(cluster.CommittedOffset(group, Topic, p), Is.EqualTo(ends[p]), $"partition {p}'s committed offset is its log end");
        }
    }

    private static Ours.ConsumerOptions OurOptions(string bootstrap, string group, Ours.GroupProtocol protocol)
    {
        var options = new Ours.ConsumerOptions
        {
            BootstrapServers = bootstrap,
            GroupId = group,
            GroupProtocol = protocol,
            AutoOffsetReset = Ours.AutoOffsetReset.Earliest,
            AutoCommitIntervalMs = 100,
            FetchMaxWaitMs = 50,
        };
        if (protocol == Ours.GroupProtocol.Classic)
        {
            // Options of the classic protocol only: the consumer protocol refuses them, as Java does.
            options.PartitionAssignmentStrategy = [Ours.PartitionAssignmentStrategy.CooperativeSticky];
            options.SessionTimeoutMs = 3_000;
            options.HeartbeatIntervalMs = 100;
        }

        return options;
    }

    /// <summary>Both members hold partitions, all of them between them, none twice.</summary>
    private static bool Shares(TopicPartition[] first, TopicPartition[] second)
    {
        var all = first.Concat(second).Select(tp => tp.Partition.Value).ToList();
        return first.Length > 0 && second.Length > 0 && all.Count == Partitions && all.Distinct().Count() == Partitions;
    }

    /// <summary>Our producer sends a record every 2 ms, round robin over the partitions, and records what was acknowledged.</summary>
    private static Task ProduceUntilAsync(string bootstrap, ConcurrentBag<string> acknowledged, CancellationToken stop) => Task.Run(async () =>
    {
        await using var producer = new Ours.KafkaProducer<Ours.Null, string>(new Ours.ProducerOptions { BootstrapServers = bootstrap, LingerMs = 1 });
        for (int i = 0; !stop.IsCancellationRequested; i++)
        {
            string value = $"r{i}";
            await producer.ProduceAsync(new Ours.TopicPartition(Topic, i % Partitions), new Ours.Message<Ours.Null, string> { Value = value }, CancellationToken.None);
            acknowledged.Add(value);
            await Task.Delay(2, CancellationToken.None);
        }
    }, CancellationToken.None);

    /// <summary>Records every moment the broker's consumer group shows a partition held by two members.</summary>
    private static Task WatchAsync(EmbeddedKafkaCluster cluster, string group, ConcurrentQueue<string> overlaps, CancellationToken stop) => Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            if (cluster.DescribeConsumerGroup(group) is { } info)
            {
                var held = info.Members.SelectMany(m => m.Assigned.Concat(m.PendingRevocation).SelectMany(t => t.Value.Select(p => (t.Key, p)))).ToList();
                if (held.Count != held.Distinct().Count())
                {
                    overlaps.Enqueue(string.Join(" | ", info.Members.Select(m => $"{m.MemberId} {m.State} {string.Join(",", m.Assigned.SelectMany(t => t.Value))}")));
                }
            }

            await Task.Delay(5, CancellationToken.None);
        }
    }, CancellationToken.None);

    private static async Task WaitUntilAsync(Func<bool> condition, string what, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }
}
