using Confluent.Kafka;
using Kafka.Client.Testing;

namespace Interop.Tests;

/// <summary>`kafka offsets` (kafka-get-offsets.sh) against the embedded cluster, checked with Confluent.Kafka's view of the same partitions.</summary>
public class KafkaOffsetsTests
{
    private const long T0 = 1_700_000_000_000;

    [Test]
    public async Task Offsets_at_each_time_match_Confluents_watermarks_and_offsets_for_times()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { AutoCreateTopics = false });
        await cluster.CreateTopicAsync("offsets-a", partitions: 3, replicationFactor: 1);
        await cluster.CreateTopicAsync("offsets-b", partitions: 1, replicationFactor: 1);
        await ProduceAsync(cluster.BootstrapServers, "offsets-a", 0, 5);
        await ProduceAsync(cluster.BootstrapServers, "offsets-a", 1, 2);
        await ProduceAsync(cluster.BootstrapServers, "offsets-b", 0, 4);
        using (IAdminClient admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            await admin.DeleteRecordsAsync([new TopicPartitionOffset("offsets-a", 0, 2)]);
        }

        using IConsumer<Ignore, Ignore> confluent = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "offsets-check" }).Build();
        WatermarkOffsets Marks(int partition) => confluent.QueryWatermarkOffsets(new TopicPartition("offsets-a", partition), TimeSpan.FromSeconds(10));

        string[] latest = await OffsetsAsync(cluster, "--topic", "offsets-a");
        Assert.That(latest, Is.EqualTo(Enumerable.Range(0, 3).Select(p => $"offsets-a:{p}:{Marks(p).High.Value}")));
        Assert.That(latest, Is.EqualTo(new[] { "offsets-a:0:5", "offsets-a:1:2", "offsets-a:2:0" }));

        string[] earliest = await OffsetsAsync(cluster, "--topic", "offsets-a", "--time", "-2");
        Assert.That(earliest, Is.EqualTo(Enumerable.Range(0, 3).Select(p => $"offsets-a:{p}:{Marks(p).Low.Value}")));
        Assert.That(await OffsetsAsync(cluster, "--topic", "offsets-a", "--time", "earliest"), Is.EqualTo(earliest));

        // A timestamp: the first offset at or after it, as OffsetsForTimes; a partition with none is left out.
        long at = T0 + 3_500;
        List<TopicPartitionOffset> forTimes = confluent.OffsetsForTimes(
            [.. Enumerable.Range(0, 3).Select(p => new TopicPartitionTimestamp("offsets-a", p, new Timestamp(at, TimestampType.CreateTime)))], TimeSpan.FromSeconds(10));
        Assert.That(await OffsetsAsync(cluster, "--topic", "offsets-a", "--time", at.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Is.EqualTo(forTimes.Where(o => o.Offset != Offset.End).Select(o => $"offsets-a:{o.Partition.Value}:{o.Offset.Value}")));
        Assert.That(forTimes.Single(o => o.Partition == 0).Offset.Value, Is.EqualTo(4));

        // -3: the offset of the largest timestamp.
        Assert.That(await OffsetsAsync(cluster, "--topic", "offsets-a", "--partitions", "0,1", "--time", "-3"), Is.EqualTo(new[] { "offsets-a:0:4", "offsets-a:1:1" }));

        // A regex over whole names, with partitions; every topic when none is given (internal ones included, as Kafka).
        Assert.That(await OffsetsAsync(cluster, "--topic", "offsets-.*", "--partitions", "0"), Is.EqualTo(new[] { "offsets-a:0:5", "offsets-b:0:4" }));
        Assert.That(await OffsetsAsync(cluster, "--topic-partitions", "offsets-a:1-,offsets-b"), Is.EqualTo(new[] { "offsets-a:1:2", "offsets-a:2:0", "offsets-b:0:4" }));
    }

    [TestCase("--topic missing", 1, "Could not match any topic-partitions with the specified filters")]
    [TestCase("--topic offsets", 1, "Could not match any topic-partitions with the specified filters")]
    [TestCase("--topic present --partitions 7", 1, "Could not match any topic-partitions with the specified filters")]
    [TestCase("--topic present --time yesterday", 2, "Malformed time argument yesterday.")]
    [TestCase("--topic present --partitions a,b", 2, "--partitions expects a comma separated list of numeric partition ids, but received: a,b")]
    [TestCase("--topic ( ", 2, "is an invalid regex.")]
    [TestCase("--topic-partitions present:x", 2, "Invalid rule specification: present:x")]
    [TestCase("--topic present --topic-partitions present:0", 2, "--topic-partitions cannot be used with --topic or --partitions")]
    [TestCase("--topic present --command-config /no/such/file", 2, "File does not exist: '/no/such/file'")]
    public async Task Bad_input_fails_with_one_line_and_no_stack_trace(string arguments, int exitCode, string expected)
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { AutoCreateTopics = false });
        await cluster.CreateTopicAsync("present", partitions: 1, replicationFactor: 1);

        ToolResult result = await KafkaTool.RunAsync("", ["offsets", "--bootstrap-server", cluster.BootstrapServers, .. arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

        KafkaToolErrorTests.AssertOneErrorLine(result, exitCode, expected);
        Assert.That(result.Output, Is.Empty);
    }

    private static async Task<string[]> OffsetsAsync(EmbeddedKafkaCluster cluster, params string[] arguments)
    {
        ToolResult result = await KafkaTool.RunAsync("", ["offsets", "--bootstrap-server", cluster.BootstrapServers, .. arguments]);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Error, Is.Empty);
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static async Task ProduceAsync(string bootstrapServers, string topic, int partition, int count)
    {
        using IProducer<Null, string> producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = bootstrapServers, LingerMs = 0 }).Build();
        for (int i = 0; i < count; i++)
        {
            await producer.ProduceAsync(new TopicPartition(topic, partition), new Message<Null, string> { Value = $"m{i}", Timestamp = new Timestamp(T0 + (i * 1_000L), TimestampType.CreateTime) });
        }
    }
}
