using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Producing;

/// <summary>A user's <see cref="IPartitioner"/> plugged into the producer.</summary>
public class ProducerPartitionerTests : ProducerTestBase
{
    /// <summary>Puts a key on the partition named by its first digit; leaves null keys to the producer.</summary>
    private sealed class FirstDigitPartitioner : IPartitioner
    {
        public List<(string Topic, int Count)> Calls { get; } = [];

        public int Partition(string topic, int partitionCount, ReadOnlySpan<byte> keyBytes, bool keyIsNull)
        {
            lock (Calls)
            {
                Calls.Add((topic, partitionCount));
            }

            return keyIsNull ? -1 : keyBytes[0] - (byte)'0';
        }
    }

    [Test]
    public async Task A_custom_partitioner_chooses_the_partition_and_minus_one_leaves_it_to_the_sticky_partitioner()
    {
        await Cluster.CreateTopicAsync("custom", partitions: 4);
        var partitioner = new FirstDigitPartitioner();
        await using var producer = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = Cluster.BootstrapServers, CustomPartitioner = partitioner });

        foreach (string key in (string[])["3a", "0b", "2c", "1d", "3e"])
        {
            DeliveryResult<string, string> result = await producer.ProduceAsync("custom", new Message<string, string> { Key = key, Value = key });
            Assert.That(result.Partition, Is.EqualTo(key[0] - '0'), key);
        }

        var unkeyed = new List<ValueTask<DeliveryResult<string, string>>>();
        for (int i = 0; i < 20; i++)
        {
            unkeyed.Add(producer.ProduceAsync("custom", new Message<string, string> { Value = $"u{i}" }));
        }

        var partitions = new HashSet<int>();
        foreach (var send in unkeyed)
        {
            partitions.Add((await send).Partition);
        }

        Assert.That(partitions, Has.Count.EqualTo(1), "null keys went to the sticky partitioner, which keeps small sends together");
        Assert.That(partitioner.Calls, Has.All.EqualTo(("custom", 4)), "the partitioner is told the topic and its partition count");
        Assert.That(PartitionLog.Values(Cluster, "custom", 3), Is.SupersetOf(new[] { "3a", "3e" }));
    }

    [Test]
    public async Task A_custom_partitioner_naming_a_partition_that_does_not_exist_fails_the_send_clearly()
    {
        await Cluster.CreateTopicAsync("small", partitions: 2);
        await using var producer = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = Cluster.BootstrapServers, CustomPartitioner = new FirstDigitPartitioner() });
        await producer.ProduceAsync("small", new Message<string, string> { Key = "1", Value = "ok" });

        var error = Assert.ThrowsAsync<KafkaException>(async () => await producer.ProduceAsync("small", new Message<string, string> { Key = "7", Value = "no" }))!;
        Assert.That(error.Message, Does.Contain("partition 7").And.Contain("has 2"));
        Assert.That(PartitionLog.Values(Cluster, "small", 1), Is.EqualTo(new[] { "ok" }));
    }
}
