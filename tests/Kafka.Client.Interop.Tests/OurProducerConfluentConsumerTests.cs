using Confluent.Kafka;

namespace Interop.Tests;

/// <summary>Messages from our producer read back by Confluent.Kafka (librdkafka), per codec; key placement equal to librdkafka's murmur2_random.</summary>
public class OurProducerConfluentConsumerTests
{
    [TestCase(Kafka.Client.CompressionType.None)]
    [TestCase(Kafka.Client.CompressionType.Gzip)]
    [TestCase(Kafka.Client.CompressionType.Snappy)]
    [TestCase(Kafka.Client.CompressionType.Lz4)]
    [TestCase(Kafka.Client.CompressionType.Zstd)]
    public async Task Confluent_consumer_reads_what_our_producer_wrote(Kafka.Client.CompressionType compression)
    {
        await using var cluster = await Kafka.Client.Testing.EmbeddedKafkaCluster.StartAsync(new Kafka.Client.Testing.EmbeddedKafkaClusterOptions { Brokers = 3 });
        string topic = "ours-" + compression.ToString().ToLowerInvariant();
        await cluster.CreateTopicAsync(topic, partitions: 3, replicationFactor: 3);
        const int Messages = 20_000;
        await using (var producer = new Kafka.Client.KafkaProducer<string, string>(new Kafka.Client.ProducerOptions { BootstrapServers = cluster.BootstrapServers, CompressionType = compression }))
        {
            for (int i = 0; i < Messages; i++)
            {
                var headers = new Kafka.Client.Headers { { "seq", BitConverter.GetBytes(i) } };
                producer.Produce(topic, new Kafka.Client.Message<string, string> { Key = $"key-{i % 31}", Value = $"value-{i}", Headers = headers });
            }

            await producer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }

        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "verify-" + topic, EnableAutoCommit = false }).Build();
        consumer.Assign(Enumerable.Range(0, 3).Select(p => new Confluent.Kafka.TopicPartitionOffset(topic, p, Confluent.Kafka.Offset.Beginning)));
        var lastPerKey = new Dictionary<string, int>();
        int received = 0;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (received < Messages && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromSeconds(1));
            if (result is null || result.IsPartitionEOF)
            {
                continue;
            }

            int seq = BitConverter.ToInt32(result.Message.Headers.GetLastBytes("seq"));
            Assert.That(result.Message.Value, Is.EqualTo($"value-{seq}"));
            Assert.That(result.Message.Key, Is.EqualTo($"key-{seq % 31}"));
            Assert.That(lastPerKey.GetValueOrDefault(result.Message.Key, -1), Is.LessThan(seq));
            lastPerKey[result.Message.Key] = seq;
            received++;
        }

        Assert.That(received, Is.EqualTo(Messages));
    }

    [Test]
    public async Task Our_producer_and_Confluent_with_murmur2_random_put_10000_keys_on_the_same_partitions()
    {
        await using var cluster = await Kafka.Client.Testing.EmbeddedKafkaCluster.StartAsync(new Kafka.Client.Testing.EmbeddedKafkaClusterOptions { Brokers = 1 });
        await cluster.CreateTopicAsync("placed", partitions: 7);
        var keys = Enumerable.Range(0, 10_000).Select(i => $"customer-{i * 7919}").ToList();

        var theirs = new Dictionary<string, int>();
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, Partitioner = Confluent.Kafka.Partitioner.Murmur2Random }).Build())
        {
            foreach (string key in keys)
            {
                producer.Produce("placed", new Confluent.Kafka.Message<string, string> { Key = key, Value = "x" }, r => { lock (theirs) { theirs[r.Message.Key] = r.Partition.Value; } });
            }

            producer.Flush(TimeSpan.FromSeconds(30));
        }

        var ours = new Dictionary<string, int>();
        await using (var producer = new Kafka.Client.KafkaProducer<string, string>(new Kafka.Client.ProducerOptions { BootstrapServers = cluster.BootstrapServers }))
        {
            var sends = keys.Select(key => (key, producer.ProduceAsync("placed", new Kafka.Client.Message<string, string> { Key = key, Value = "x" }))).ToList();
            foreach (var (key, send) in sends)
            {
                ours[key] = (await send).Partition;
            }
        }

        Assert.That(ours, Is.EquivalentTo(theirs));
        Assert.That(ours.Values.Distinct().Count(), Is.EqualTo(7));
    }
}
