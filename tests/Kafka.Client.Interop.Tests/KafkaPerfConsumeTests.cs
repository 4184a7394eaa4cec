using System.Globalization;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using Kafka.Client.Testing;

namespace Interop.Tests;

/// <summary>`kafka perf consume` (kafka-consumer-perf-test.sh) against the embedded cluster: its lines as Kafka prints them, and the group's offsets as Confluent.Kafka sees them.</summary>
public class KafkaPerfConsumeTests
{
    private const string Header = "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec";
    private const string DetailedHeader = "time, threadId, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec";
    private const string Time = @"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d:\d{3}";
    private const string Number = @"-?\d+\.\d{4}";

    // ConsumerPerformance's summary: "%s, %s, %.4f, %.4f, %d, %.4f, %d, %d, %.4f, %.4f".
    private static readonly Regex ValueLine = new($@"^{Time}, {Time}, ({Number}), {Number}, (\d+), {Number}, (\d+), (-?\d+), {Number}, {Number}$");

    // printConsumerProgress: "%s, %d, %.4f, %.4f, %d, %.4f" and ", %d, %d, %.4f, %.4f".
    private static readonly Regex DetailedLine = new($@"^{Time}, 0, {Number}, {Number}, (\d+), {Number}, \d+, -?\d+, {Number}, {Number}$");

    [Test]
    public async Task Every_message_is_counted_and_the_group_commits_what_Confluent_sees()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { AutoCreateTopics = false });
        await cluster.CreateTopicAsync("perf-in", partitions: 2, replicationFactor: 1);
        await ProduceAsync(cluster.BootstrapServers, "perf-in", 3000);

        ToolResult result = await KafkaTool.RunAsync("", "perf", "consume", "--bootstrap-server", cluster.BootstrapServers, "--topic", "perf-in", "--messages", "3000", "--group", "perf-group");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        string[] lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines, Has.Length.EqualTo(2), result.Output);
        Assert.That(lines[0], Is.EqualTo(Header));
        Match values = ValueLine.Match(lines[1]);
        Assert.That(values.Success, Is.True, lines[1]);
        Assert.That(values.Groups[2].Value, Is.EqualTo("3000"));
        // Each record: a 4-byte key and a 96-byte value.
        Assert.That(values.Groups[1].Value, Is.EqualTo((3000 * 100 / (1024.0 * 1024.0)).ToString("F4", CultureInfo.InvariantCulture)));

        using IConsumer<Ignore, Ignore> confluent = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "perf-group" }).Build();
        List<TopicPartitionOffset> committed = confluent.Committed([new TopicPartition("perf-in", 0), new TopicPartition("perf-in", 1)], TimeSpan.FromSeconds(10));
        long ends = Enumerable.Range(0, 2).Sum(p => confluent.QueryWatermarkOffsets(new TopicPartition("perf-in", p), TimeSpan.FromSeconds(10)).High.Value);
        Assert.That(committed.Sum(c => c.Offset.Value), Is.EqualTo(3000).And.EqualTo(ends));
    }

    [Test]
    public async Task Detailed_stats_print_a_line_per_interval_and_no_total()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions());
        await ProduceAsync(cluster.BootstrapServers, "perf-detailed", 20_000);

        ToolResult result = await KafkaTool.RunAsync("", "perf", "consume", "--bootstrap-server", cluster.BootstrapServers, "--include", "perf-det.*",
            "--messages", "20000", "--show-detailed-stats", "--reporting-interval", "1");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Error, Is.Empty, "no progress line with detailed stats");
        string[] lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines[0], Is.EqualTo(DetailedHeader));
        Assert.That(lines.Length, Is.GreaterThan(1), result.Output);
        long[] counts = [.. lines[1..].Select(line =>
        {
            Match match = DetailedLine.Match(line);
            Assert.That(match.Success, Is.True, line);
            return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        })];
        Assert.That(counts, Is.Ordered.And.All.InRange(1, 20_000), "messages so far, growing");
    }

    [Test]
    public async Task Fewer_messages_than_asked_warn_after_the_timeout_with_progress_on_stderr()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions());
        await ProduceAsync(cluster.BootstrapServers, "perf-short", 10);

        ToolResult result = await KafkaTool.RunAsync("", "perf", "consume", "--bootstrap-server", cluster.BootstrapServers, "--topic", "perf-short",
            "--messages", "100", "--timeout", "1000", "--reporting-interval", "200", "--hide-header");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        string[] lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines, Has.Length.EqualTo(2), result.Output);
        Assert.That(lines[0], Is.EqualTo("WARNING: Exiting before consuming the expected number of messages: timeout (1000 ms) exceeded. You can use the --timeout option to increase the timeout."));
        Match values = ValueLine.Match(lines[1]);
        Assert.That(values.Success, Is.True, lines[1]);
        Assert.That(values.Groups[2].Value, Is.EqualTo("10"));
        Assert.That(result.ErrorLines, Is.Not.Empty.And.All.Match(@"^10 messages, 0\.0 MB, \d+\.\d MB/s$"), "a progress line while it waits");
    }

    [Test]
    public async Task From_latest_skips_what_is_there_already()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions());
        await ProduceAsync(cluster.BootstrapServers, "perf-latest", 5);

        ToolResult result = await KafkaTool.RunAsync("", "perf", "consume", "--bootstrap-server", cluster.BootstrapServers, "--topic", "perf-latest",
            "--messages", "1", "--from-latest", "--timeout", "500", "--hide-header");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        string[] lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines[0], Does.StartWith("WARNING: Exiting before consuming the expected number of messages"));
        Assert.That(ValueLine.Match(lines[1]).Groups[2].Value, Is.EqualTo("0"));
    }

    [TestCase("--topic missing --messages 5", 1, "Topic 'missing' does not exist.")]
    [TestCase("--messages 5", 2, "Exactly one of the following arguments is required: --topic, --include.")]
    [TestCase("--topic present --include p.* --messages 5", 2, "Exactly one of the following arguments is required: --topic, --include.")]
    [TestCase("--topic present", 2, "Option '--messages' is required.")]
    [TestCase("--topic present --messages 5 --reporting-interval 0", 2, "Reporting interval must be greater than 0.")]
    [TestCase("--topic present --messages 5 --date-format QQ", 2, "--date-format 'QQ': the letter 'Q' is not supported.")]
    [TestCase("--topic present --messages 5 --consumer.config /no/such/file", 2, "File does not exist: '/no/such/file'")]
    [TestCase("--topic present --messages 5 --command-property no.such=1", 2, "Unknown Kafka property 'no.such'")]
    public async Task Bad_input_fails_with_one_line_and_no_stack_trace(string arguments, int exitCode, string expected)
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { AutoCreateTopics = false });
        await cluster.CreateTopicAsync("present", partitions: 1, replicationFactor: 1);

        ToolResult result = await KafkaTool.RunAsync("", ["perf", "consume", "--bootstrap-server", cluster.BootstrapServers, .. arguments.Split(' ')]);

        KafkaToolErrorTests.AssertOneErrorLine(result, exitCode, expected);
    }

    private static async Task ProduceAsync(string bootstrapServers, string topic, int count)
    {
        using IProducer<string, string> producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrapServers, LingerMs = 5 }).Build();
        string value = new('v', 96);
        for (int i = 0; i < count; i++)
        {
            producer.Produce(topic, new Message<string, string> { Key = (i % 10_000).ToString("D4", CultureInfo.InvariantCulture), Value = value });
        }

        Assert.That(producer.Flush(TimeSpan.FromSeconds(20)), Is.Zero, "every record delivered");
    }
}
