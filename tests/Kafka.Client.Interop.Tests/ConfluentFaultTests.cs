using Confluent.Kafka;

namespace Interop.Tests;

/// <summary>A Confluent.Kafka idempotent producer keeps every acknowledged message, exactly once and in order, through broker faults.</summary>
public class ConfluentFaultTests
{
    private const int Messages = 100_000;

    [Test]
    public async Task Acknowledged_messages_survive_leader_stops_restarts_moves_and_dropped_connections_exactly_once_in_order()
    {
        await using var cluster = await Kafka.Client.Testing.EmbeddedKafkaCluster.StartAsync(new Kafka.Client.Testing.EmbeddedKafkaClusterOptions { Brokers = 3 });
        const string topic = "faults";
        await cluster.CreateTopicAsync(topic, partitions: 1, replicationFactor: 3);

        var config = new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 2,
            MessageTimeoutMs = 120_000,
            RetryBackoffMs = 20,
            ReconnectBackoffMs = 20,
            ReconnectBackoffMaxMs = 200,
            TopicMetadataRefreshIntervalMs = 500,
        };
        var acknowledged = new System.Collections.Concurrent.ConcurrentDictionary<int, long>();
        int failed = 0;
        using (var producer = new ProducerBuilder<Null, string>(config).Build())
        {
            var faults = Task.Run(async () =>
            {
                for (int round = 0; round < 3; round++)
                {
                    await Task.Delay(150);
                    int leader = cluster.DescribePartition(topic, 0).Leader;
                    await cluster.StopBrokerAsync(leader);
                    await Task.Delay(150);
                    await cluster.StartBrokerAsync(leader);
                    await Task.Delay(150);
                    var info = cluster.DescribePartition(topic, 0);
                    int other = info.Isr.FirstOrDefault(b => b != info.Leader, -1);
                    if (other >= 0)
                    {
                        await cluster.MoveLeaderAsync(topic, 0, other);
                    }

                    await Task.Delay(150);
                    await cluster.DropConnectionsAsync(cluster.DescribePartition(topic, 0).Leader);
                }
            });

            for (int i = 0; i < Messages; i++)
            {
                int seq = i;
                while (true)
                {
                    try
                    {
                        producer.Produce(topic, new Message<Null, string> { Value = seq.ToString(System.Globalization.CultureInfo.InvariantCulture) }, report =>
                        {
                            if (report.Error.IsError)
                            {
                                Interlocked.Increment(ref failed);
                            }
                            else
                            {
                                acknowledged[seq] = report.Offset.Value;
                            }
                        });
                        break;
                    }
                    catch (ProduceException<Null, string> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                    {
                        producer.Poll(TimeSpan.FromMilliseconds(50));
                    }
                }

                if (i % 1_000 == 0)
                {
                    // Spread the sends over the ~2.5 s of faults.
                    await Task.Delay(25);
                }
            }

            await faults;
            Assert.That(producer.Flush(TimeSpan.FromSeconds(90)), Is.Zero);
        }

        Assert.That(failed, Is.Zero, "an idempotent producer with a long delivery timeout delivers everything");
        Assert.That(acknowledged, Has.Count.EqualTo(Messages));

        // Read the log back: every acknowledged message exactly once, in the order it was produced.
        using var consumer = new ConsumerBuilder<Null, string>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "verify",
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        var seen = new List<int>(Messages);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (seen.Count < Messages && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromSeconds(1));
            if (result is { IsPartitionEOF: false })
            {
                seen.Add(int.Parse(result.Message.Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        Assert.That(seen, Has.Count.EqualTo(Messages), "no loss and no duplicates");
        Assert.That(seen, Is.Ordered, "order kept");
        Assert.That(cluster.DescribePartition(topic, 0).HighWatermark, Is.EqualTo(Messages));
    }
}
