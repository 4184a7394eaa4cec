using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Kafka.Client.Protocol;
using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Producing;

/// <summary>No loss, no duplicates, order kept: an idempotent acks=all producer through broker faults.</summary>
public class ProducerFaultTests
{
    private const int Messages = 200_000;
    private const int Partitions = 3;

    [Test]
    [NonParallelizable]
    public async Task Leader_moves_never_make_the_broker_see_a_sequence_gap()
    {
        // Order per partition must not depend on the broker refusing a gap (librdkafka's older mock accepts it):
        // batches in flight to the old leader are answered before anything is sent to the new one.
        long gaps = 0;
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == "Kafka.Client" && instrument.Name == "kafka.producer.errors") { l.EnableMeasurementEvents(instrument); } },
        };
        meters.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (tag.Key == "error.type" && (string?)tag.Value == nameof(ErrorCode.OutOfOrderSequenceNumber))
                {
                    Interlocked.Add(ref gaps, value);
                }
            }
        });
        meters.Start();

        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 3 });
        await cluster.CreateTopicAsync("moves", partitions: Partitions, replicationFactor: 3);
        var failures = new ConcurrentBag<string>();
        await using (var producer = new KafkaProducer<string, string>(new ProducerOptions
        {
            BootstrapServers = cluster.BootstrapServers, LingerMs = 1, BatchSize = 512, RetryBackoffMs = 5, RetryBackoffMaxMs = 50,
        }))
        {
            using var stop = new CancellationTokenSource();
            Task moves = Task.Run(async () =>
            {
                for (int round = 0; round < 6 && !stop.IsCancellationRequested; round++)
                {
                    await Task.Delay(40);
                    // Requests held by partition 0's leader are answered NOT_LEADER only after every partition
                    // moved, while the other brokers' quick NOT_LEADER answers already sent the producer to fresh
                    // metadata that names partition 0's new leader.
                    int held = cluster.DescribePartition("moves", 0).Leader;
                    cluster.DelayRequests(ApiKey.Produce, TimeSpan.FromMilliseconds(60), held);
                    await Task.Delay(10);
                    for (int p = 0; p < Partitions; p++)
                    {
                        EmbeddedPartitionInfo info = cluster.DescribePartition("moves", p);
                        await cluster.MoveLeaderAsync("moves", p, info.Isr.First(b => b != info.Leader));
                    }

                    await Task.Delay(80);
                    cluster.DelayRequests(ApiKey.Produce, TimeSpan.Zero, held);
                }
            });
            for (int i = 0; i < 20_000; i++)
            {
                producer.Produce("moves", new Message<string, string> { Key = $"key-{i % 10}", Value = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }, report =>
                {
                    if (report.Error is { } error)
                    {
                        failures.Add(error.Message);
                    }
                });
                if (i % 100 == 0)
                {
                    await Task.Delay(4);
                }
            }

            await producer.FlushAsync();
            await stop.CancelAsync();
            await moves;
        }

        Assert.That(failures, Is.Empty);
        Assert.That(Interlocked.Read(ref gaps), Is.Zero, "the broker refused batches sent past a sequence gap");
        var last = new Dictionary<string, int>();
        for (int p = 0; p < Partitions; p++)
        {
            foreach (ReadOnlyMemory<byte> bytes in cluster.ReadBatches("moves", p))
            {
                foreach (RecordBatch batch in new RecordBatchReader(bytes))
                {
                    foreach (Record record in batch.GetRecords())
                    {
                        string key = System.Text.Encoding.UTF8.GetString(record.Key);
                        int value = int.Parse(System.Text.Encoding.UTF8.GetString(record.Value), System.Globalization.CultureInfo.InvariantCulture);
                        Assert.That(value, Is.GreaterThan(last.GetValueOrDefault(key, -1)), $"{key} out of order in partition {p}");
                        last[key] = value;
                    }
                }
            }
        }

        Assert.That(last, Has.Count.EqualTo(10));
    }

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
