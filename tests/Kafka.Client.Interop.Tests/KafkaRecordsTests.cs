using Confluent.Kafka;
using Kafka.Client.Testing;

namespace Interop.Tests;

/// <summary>`kafka records --delete` (kafka-delete-records.sh) against the embedded cluster, checked with Confluent.Kafka's watermarks and consumer.</summary>
public class KafkaRecordsTests
{
    [Test]
    public async Task Records_before_the_offsets_are_deleted_as_Confluent_sees_them()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { AutoCreateTopics = false });
        await cluster.CreateTopicAsync("trimmed", partitions: 2, replicationFactor: 1);
        await ProduceAsync(cluster.BootstrapServers, "trimmed", 0, 8);
        await ProduceAsync(cluster.BootstrapServers, "trimmed", 1, 5);
        using var file = new TemporaryFile();
        await File.WriteAllTextAsync(file.Path, """{"partitions":[{"topic":"trimmed","partition":0,"offset":3},{"topic":"trimmed","partition":1,"offset":-1}],"version":1}""");

        ToolResult result = await KafkaTool.RunAsync("", "records", "--bootstrap-server", cluster.BootstrapServers, "--delete", "--offset-json-file", file.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Error, Is.Empty);
        Assert.That(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "Executing records delete operation",
            "Records delete operation completed:",
            "partition: trimmed-0\tlow_watermark: 3",
            "partition: trimmed-1\tlow_watermark: 5",
        }));

        using IConsumer<Ignore, string> consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "records-check" }).Build();
        WatermarkOffsets first = consumer.QueryWatermarkOffsets(new TopicPartition("trimmed", 0), TimeSpan.FromSeconds(10));
        WatermarkOffsets second = consumer.QueryWatermarkOffsets(new TopicPartition("trimmed", 1), TimeSpan.FromSeconds(10));
        Assert.That((first.Low.Value, first.High.Value), Is.EqualTo((3L, 8L)));
        Assert.That((second.Low.Value, second.High.Value), Is.EqualTo((5L, 5L)));

        consumer.Assign(new TopicPartitionOffset("trimmed", 0, Offset.Beginning));
        ConsumeResult<Ignore, string> record = consumer.Consume(TimeSpan.FromSeconds(10));
        Assert.That((record?.Offset.Value, record?.Message.Value), Is.EqualTo(((long?)3, "m3")));
    }

    [TestCase("""{"partitions":[{"topic":"present","partition":0,"offset":1}""", 2, "The input string is not a valid JSON")]
    [TestCase("""{"version":1}""", 2, "Missing partitions field")]
    [TestCase("""{"partitions":[],"version":2}""", 2, "Not supported version field value 2")]
    [TestCase("""{"partitions":[{"topic":"present","offset":1}]}""", 2, "No such field exists: `partition`")]
    [TestCase("""{"partitions":[{"topic":"present","partition":0,"offset":"x"}]}""", 2, "The offset field must be an integer")]
    [TestCase("""{"partitions":[{"topic":"present","partition":0,"offset":1},{"topic":"present","partition":0,"offset":2}]}""", 2, "Offset json file contains duplicate topic partitions: present-0")]
    [TestCase("""{"partitions":[{"topic":"missing","partition":0,"offset":1}]}""", 1, "Records of 1 of 1 partition(s) were not deleted: missing-0.")]
    [TestCase("""{"partitions":[{"topic":"present","partition":0,"offset":99}]}""", 1, "Records of 1 of 1 partition(s) were not deleted: present-0.")]
    public async Task Bad_input_fails_with_one_line_and_no_stack_trace(string json, int exitCode, string expected)
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { AutoCreateTopics = false });
        await cluster.CreateTopicAsync("present", partitions: 1, replicationFactor: 1);
        await ProduceAsync(cluster.BootstrapServers, "present", 0, 2);
        using var file = new TemporaryFile();
        await File.WriteAllTextAsync(file.Path, json);

        ToolResult result = await KafkaTool.RunAsync("", "records", "--bootstrap-server", cluster.BootstrapServers, "--delete", "--offset-json-file", file.Path);

        KafkaToolErrorTests.AssertOneErrorLine(result, exitCode, expected);
        if (exitCode == 1)
        {
            // As Kafka's tool: each partition's outcome on stdout, the error named.
            Assert.That(result.Output, Does.Contain("Records delete operation completed:"));
            Assert.That(result.Output, Does.Match(@"partition: (missing|present)-0\terror: \S"));
        }

        using IConsumer<Ignore, Ignore> consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "records-check" }).Build();
        Assert.That(consumer.QueryWatermarkOffsets(new TopicPartition("present", 0), TimeSpan.FromSeconds(10)).Low.Value, Is.Zero, "nothing deleted");
    }

    [TestCase("records --delete --offset-json-file /no/such/file", "File does not exist: '/no/such/file'")]
    [TestCase("records --delete", "Option '--offset-json-file' is required with --delete.")]
    [TestCase("records --offset-json-file /tmp", "Command must include exactly one action: --delete.")]
    public async Task A_bad_command_line_fails_with_exit_code_2(string arguments, string expected)
    {
        ToolResult result = await KafkaTool.RunAsync("", [.. arguments.Split(' '), "--bootstrap-server", "127.0.0.1:9"]);

        KafkaToolErrorTests.AssertOneErrorLine(result, 2, expected);
    }

    internal static async Task ProduceAsync(string bootstrapServers, string topic, int partition, int count)
    {
        using IProducer<Null, string> producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = bootstrapServers, LingerMs = 0 }).Build();
        for (int i = 0; i < count; i++)
        {
            await producer.ProduceAsync(new TopicPartition(topic, partition), new Message<Null, string> { Value = $"m{i}" });
        }
    }
}
