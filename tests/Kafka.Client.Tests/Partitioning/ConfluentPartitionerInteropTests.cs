using Kafka.Client.Testing;
using CK = Confluent.Kafka;

namespace Kafka.Client.Tests.Partitioning;

/// <summary>
/// Our partitioners against librdkafka's own, through Confluent.Kafka: a Confluent producer sends keyed messages
/// to the embedded cluster, and for every key the partition in its delivery report must be the one we compute.
/// </summary>
[NonParallelizable]
public class ConfluentPartitionerInteropTests
{
    private const int Partitions = 7;
    private const int Messages = 10_000;

    private EmbeddedKafkaCluster _cluster = null!;

    [OneTimeSetUp]
    public async Task StartCluster() =>
        _cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 1 });

    [OneTimeTearDown]
    public async Task StopCluster() => await _cluster.DisposeAsync();

    // librdkafka's `partitioner` names; Confluent.Kafka's Partitioner enum has no fnv1a values, so the name is set directly.
    [TestCase("murmur2_random", Partitioner.Murmur2Random)]
    [TestCase("consistent_random", Partitioner.ConsistentRandom)]
    [TestCase("fnv1a_random", Partitioner.Fnv1aRandom)]
    [TestCase("murmur2", Partitioner.Murmur2)]
    [TestCase("consistent", Partitioner.Consistent)]
    [TestCase("fnv1a", Partitioner.Fnv1a)]
    public async Task Every_key_lands_in_the_partition_librdkafka_chose(string theirs, Partitioner ours)
    {
        string topic = "partitioner-" + ours.ToString().ToLowerInvariant();
        await _cluster.CreateTopicAsync(topic, partitions: Partitions);
        byte[][] keys = Keys(seed: (int)ours);

        var config = new CK.ProducerConfig { BootstrapServers = _cluster.BootstrapServers, LingerMs = 5 };
        config.Set("partitioner", theirs);
        using var producer = new CK.ProducerBuilder<byte[], byte[]>(config).Build();
        var deliveries = new Task<CK.DeliveryResult<byte[], byte[]>>[Messages];
        for (int i = 0; i < Messages; i++)
        {
            deliveries[i] = producer.ProduceAsync(topic, new CK.Message<byte[], byte[]> { Key = keys[i], Value = [(byte)i] });
        }

        CK.DeliveryResult<byte[], byte[]>[] results = await Task.WhenAll(deliveries).WaitAsync(TimeSpan.FromSeconds(60));

        IPartitioner partitioner = Partitioners.Get(ours);
        int mismatches = 0;
        string? first = null;
        for (int i = 0; i < Messages; i++)
        {
            int expected = partitioner.Partition(topic, Partitions, keys[i], keyIsNull: false);
            if (expected != results[i].Partition.Value)
            {
                mismatches++;
                first ??= $"key {Convert.ToHexString(keys[i])}: librdkafka {results[i].Partition.Value}, ours {expected}";
            }
        }

        Assert.That(mismatches, Is.Zero, first);
        Assert.That(results.Select(r => r.Partition.Value).Distinct().Count(), Is.EqualTo(Partitions), "the keys reach every partition");
    }

    // Random keys of 1 to 40 bytes (every murmur2 tail length, bytes above 0x7f), plus a few texts.
    private static byte[][] Keys(int seed)
    {
        var random = new Random(seed);
        var keys = new byte[Messages][];
        for (int i = 0; i < Messages; i++)
        {
            if (i % 10 == 0)
            {
                keys[i] = System.Text.Encoding.UTF8.GetBytes($"customer-{i}");
                continue;
            }

            keys[i] = new byte[random.Next(1, 41)];
            random.NextBytes(keys[i]);
        }

        return keys;
    }
}
