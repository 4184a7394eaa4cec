using System.Buffers.Binary;
using System.Collections.Concurrent;
using Kafka.Client.Protocol;
using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Producing;

/// <summary>No loss, no duplicates, order kept: an idempotent acks=all producer through broker faults.</summary>
public class ProducerFaultTests
{
    private const int Messages = 200_000;
    private const int Partitions = 3;

    [Test]
    public async Task Every_acknowledged_message_is_in_the_log_exactly_once_and_in_order_through_faults()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 3 });
        await cluster.CreateTopicAsync("faults", partitions: Partitions, replicationFactor: 3);
        var options = new ProducerOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            LingerMs = 2,
            RetryBackoffMs = 10,
            RetryBackoffMaxMs = 100,
            ReconnectBackoffMs = 10,
            ReconnectBackoffMaxMs = 100,
            RequestTimeoutMs = 5_000,
        };
        var acknowledged = new ConcurrentDictionary<int, (int Partition, long Offset)>();
        var failures = new ConcurrentDictionary<int, string>();
        await using (var producer = new KafkaProducer<byte[], byte[]>(options))
        {
            Task faults = InjectFaultsAsync(cluster);
            for (int i = 0; i < Messages; i++)
            {
                int seq = i;
                byte[] value = new byte[4];
                BinaryPrimitives.WriteInt32BigEndian(value, seq);
                producer.Produce(new TopicPartition("faults", seq % Partitions), new Message<byte[], byte[]> { Value = value }, report =>
                {
                    if (report.Error is null)
                    {
                        acknowledged[seq] = (report.Partition, report.Offset);
                    }
                    else
                    {
                        failures[seq] = report.Error.Message;
                    }
                });
                if (i % 2_000 == 0)
                {
                    await Task.Delay(10);
                }
            }

            await faults;
            await producer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.That(acknowledged.Count + failures.Count, Is.EqualTo(Messages), "every message got exactly one outcome");
        Assert.That(failures.Values.All(f => f.Length > 0), Is.True, "every failure has a reason");

        for (int p = 0; p < Partitions; p++)
        {
            var inLog = new List<int>();
            foreach (ReadOnlyMemory<byte> bytes in cluster.ReadBatches("faults", p))
            {
                foreach (RecordBatch batch in new RecordBatchReader(bytes))
                {
                    foreach (Record record in batch.GetRecords())
                    {
                        inLog.Add(BinaryPrimitives.ReadInt32BigEndian(record.Value));
                    }
                }
            }

            Assert.That(inLog, Is.Unique, $"partition {p}: no duplicates");
            Assert.That(inLog, Is.Ordered, $"partition {p}: order kept");
            var expected = acknowledged.Where(a => a.Value.Partition == p).Select(a => a.Key).ToHashSet();
            Assert.That(expected.IsSubsetOf(inLog), Is.True, $"partition {p}: every acknowledged message is in the log");
        }

        Assert.That(acknowledged.Count, Is.EqualTo(Messages), string.Join(" | ", failures.Values.Distinct().Take(5)));
    }

    private static async Task InjectFaultsAsync(EmbeddedKafkaCluster cluster)
    {
        for (int round = 0; round < 3; round++)
        {
            await Task.Delay(100);
            int leader = cluster.DescribePartition("faults", 0).Leader;
            await cluster.StopBrokerAsync(leader);
            await Task.Delay(100);
            await cluster.StartBrokerAsync(leader);
            await Task.Delay(100);
            var info = cluster.DescribePartition("faults", 1);
            int other = info.Isr.FirstOrDefault(b => b != info.Leader, -1);
            if (other >= 0)
            {
                await cluster.MoveLeaderAsync("faults", 1, other);
            }

            await Task.Delay(100);
            await cluster.DropConnectionsAsync(cluster.DescribePartition("faults", 2).Leader);
            cluster.FailNextRequests(ApiKey.Produce, 3, ErrorCode.NotEnoughReplicas);
        }
    }
}
