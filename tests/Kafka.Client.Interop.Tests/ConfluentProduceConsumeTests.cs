using Confluent.Kafka;

namespace Interop.Tests;

/// <summary>A Confluent.Kafka idempotent producer and consumer (librdkafka) against the embedded cluster, per codec.</summary>
public class ConfluentProduceConsumeTests
{
    private const int Messages = 100_000;

    private static Kafka.Client.Protocol.CompressionCodec Expected(CompressionType codec) => codec switch
    {
        CompressionType.Gzip => Kafka.Client.Protocol.CompressionCodec.Gzip,
        CompressionType.Snappy => Kafka.Client.Protocol.CompressionCodec.Snappy,
        CompressionType.Lz4 => Kafka.Client.Protocol.CompressionCodec.Lz4,
        CompressionType.Zstd => Kafka.Client.Protocol.CompressionCodec.Zstd,
        _ => Kafka.Client.Protocol.CompressionCodec.None,
    };

    [TestCase(CompressionType.None)]
    [TestCase(CompressionType.Gzip)]
    [TestCase(CompressionType.Snappy)]
    [TestCase(CompressionType.Lz4)]
    [TestCase(CompressionType.Zstd)]
    public async Task Idempotent_acks_all_messages_with_keys_and_headers_come_back_in_partition_order(CompressionType codec)
    {
        await using var cluster = await Kafka.Client.Testing.EmbeddedKafkaCluster.StartAsync(new Kafka.Client.Testing.EmbeddedKafkaClusterOptions { Brokers = 3 });
        string topic = "codec-" + codec.ToString().ToLowerInvariant();
        await cluster.CreateTopicAsync(topic, partitions: 3, replicationFactor: 3);

        var producerConfig = new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            CompressionType = codec,
            LingerMs = 5,
        };
        using (var producer = new ProducerBuilder<string, string>(producerConfig).Build())
        {
            var failures = 0;
            for (int i = 0; i < Messages; i++)
            {
                var headers = new Headers { { "seq", BitConverter.GetBytes(i) } };
                producer.Produce(topic, new Message<string, string> { Key = $"key-{i % 97}", Value = $"value-{i}", Headers = headers }, report =>
                {
                    if (report.Error.IsError)
                    {
                        Interlocked.Increment(ref failures);
                    }
                });
            }

            Assert.That(producer.Flush(TimeSpan.FromSeconds(60)), Is.Zero, "every message was delivered");
            Assert.That(failures, Is.Zero);
        }

        var consumerConfig = new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "unused-" + topic,
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        using var consumer = new ConsumerBuilder<string, string>(consumerConfig).Build();
        consumer.Assign(Enumerable.Range(0, 3).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var lastSeqPerKey = new Dictionary<string, int>();
        var nextOffset = new Dictionary<int, long>();
        int received = 0;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (received < Messages && DateTime.UtcNow < deadline)
        {
            ConsumeResult<string, string>? result = consumer.Consume(TimeSpan.FromSeconds(1));
            if (result is null || result.IsPartitionEOF)
            {
                continue;
            }

            int seq = BitConverter.ToInt32(result.Message.Headers.GetLastBytes("seq"));
            Assert.That(result.Message.Value, Is.EqualTo($"value-{seq}"));
            Assert.That(result.Message.Key, Is.EqualTo($"key-{seq % 97}"));
            Assert.That(lastSeqPerKey.GetValueOrDefault(result.Message.Key, -1), Is.LessThan(seq), "per-key (so per-partition) order is kept");
            lastSeqPerKey[result.Message.Key] = seq;
            Assert.That(result.Offset.Value, Is.EqualTo(nextOffset.GetValueOrDefault(result.Partition.Value)), "offsets are consecutive, no duplicates");
            nextOffset[result.Partition.Value] = result.Offset.Value + 1;
            received++;
        }

        Assert.That(received, Is.EqualTo(Messages));
        var codecs = Enumerable.Range(0, 3)
            .SelectMany(p => cluster.ReadBatches(topic, p))
            .SelectMany(b => new Kafka.Client.Protocol.RecordBatchReader(b).ToCodecs())
            .Distinct()
            .ToList();
        // librdkafka sends a batch uncompressed when compression would not make it smaller.
        Assert.That(codecs, Does.Contain(Expected(codec)), "librdkafka really used the codec");
        Assert.That(codecs, Is.SubsetOf(new[] { Expected(codec), Kafka.Client.Protocol.CompressionCodec.None }));
        Assert.That(Enumerable.Range(0, 3).Sum(p => cluster.DescribePartition(topic, p).HighWatermark), Is.EqualTo(Messages));
    }
}
