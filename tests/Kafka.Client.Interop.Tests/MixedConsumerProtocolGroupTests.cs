using System.Collections.Concurrent;
using Kafka.Client.Testing;
using Ours = Kafka.Client;

namespace Interop.Tests;

/// <summary>
/// Our consumer and Confluent.Kafka's (librdkafka 2.16), both with <c>group.protocol=consumer</c> (KIP-848), in one
/// group on the embedded broker: each partition is consumed by one member at a time, every record is consumed, and
/// the offsets both commit are the log ends.
/// </summary>
public class MixedConsumerProtocolGroupTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Our_consumer_and_a_Confluent_consumer_share_a_consumer_protocol_group(CancellationToken cancellationToken)
    {
        const string Topic = "mixed848";
        const int Partitions = 6;
        const int Records = 600;
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions
        {
            ConsumerGroupMinHeartbeatIntervalMs = 100,
            ConsumerGroupHeartbeatIntervalMs = 100,
        }, cancellationToken);
        await cluster.CreateTopicAsync(Topic, partitions: Partitions, cancellationToken: cancellationToken);
        await using (var producer = new Ours.KafkaProducer<string, string>(new Ours.ProducerOptions { BootstrapServers = cluster.BootstrapServers, LingerMs = 2 }))
        {
            for (int i = 0; i < Records; i++)
            {
                producer.Produce(new Ours.TopicPartition(Topic, i % Partitions), new Ours.Message<string, string> { Key = "k", Value = $"v{i}" });
            }

            await producer.FlushAsync(cancellationToken);
        }

        var seen = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var theirAssignment = Array.Empty<int>();
        Thread theirs = new(() =>
        {
            using var consumer = new Confluent.Kafka.ConsumerBuilder<Confluent.Kafka.Ignore, string>(new Confluent.Kafka.ConsumerConfig
            {
                BootstrapServers = cluster.BootstrapServers,
                GroupId = "mixed848-g",
                GroupProtocol = Confluent.Kafka.GroupProtocol.Consumer,
                AutoOffsetReset = Confluent.Kafka.AutoOffsetReset.Earliest,
                EnableAutoCommit = false,
            }).Build();
            consumer.Subscribe(Topic);
            while (!stop.IsCancellationRequested)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(50)) is { IsPartitionEOF: false } result)
                {
                    seen.Add(result.Message.Value);
                    consumer.Commit(result);
                }

                Volatile.Write(ref theirAssignment, [.. consumer.Assignment.Select(p => p.Partition.Value)]);
            }

            consumer.Close();
        }) { IsBackground = true };
        theirs.Start();

        await using var ours = new Ours.KafkaConsumer<string, string>(new Ours.ConsumerOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "mixed848-g",
            GroupProtocol = Ours.GroupProtocol.Consumer,
            AutoOffsetReset = Ours.AutoOffsetReset.Earliest,
            AutoCommitIntervalMs = 100,
        });
        ours.Subscribe(Topic);
        var overlaps = new ConcurrentQueue<string>();
        Task ourLoop = Task.Run(async () =>
        {
            try
            {
                await foreach (Ours.ConsumeResult<string, string> record in ours.ConsumeAsync(stop.Token))
                {
                    seen.Add(record.Message.Value);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }, CancellationToken.None);
        Task watch = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var mine = ours.Assignment.Select(p => p.Partition).ToHashSet();
                if (mine.Overlaps(Volatile.Read(ref theirAssignment)))
                {
                    overlaps.Enqueue($"ours [{string.Join(",", mine)}], theirs [{string.Join(",", Volatile.Read(ref theirAssignment))}]");
                }

                await Task.Delay(2, CancellationToken.None);
            }
        }, CancellationToken.None);

        // Both members hold partitions at some point, and the group consumes everything.
        bool bothHeld = false;
        while (seen.Distinct().Count() < Records || !bothHeld)
        {
            bothHeld |= ours.Assignment.Count > 0 && Volatile.Read(ref theirAssignment).Length > 0;
            await Task.Delay(20, cancellationToken);
        }

        await ours.CommitAsync(cancellationToken);
        await stop.CancelAsync();
        await Task.WhenAll(ourLoop, watch);
        theirs.Join();

        Assert.That(overlaps, Is.Empty, "a partition was assigned to both members at once (as the clients saw it)");
        // librdkafka's commit is per record (the offset after it): every partition's committed offset is its end.
        for (int p = 0; p < Partitions; p++)
        {
            Assert.That(cluster.CommittedOffset("mixed848-g", Topic, p), Is.EqualTo(Records / Partitions), $"partition {p}");
        }
    }
}
