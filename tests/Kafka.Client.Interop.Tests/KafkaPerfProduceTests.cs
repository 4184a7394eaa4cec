using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using Kafka.Client.Testing;

namespace Interop.Tests;

/// <summary>`kafka perf produce` (kafka-producer-perf-test.sh) against the embedded cluster: its lines as Kafka prints them, and the records as Confluent.Kafka sees them.</summary>
public class KafkaPerfProduceTests
{
    // ProducerPerformance.Stats.printTotal and printWindow.
    internal const string TotalLine = @"^(\d+) records sent, (\d+\.\d{6}) records/sec \(\d+\.\d{2} MB/sec\), \d+\.\d{2} ms avg latency, \d+\.\d{2} ms max latency, (\d+) ms 50th, (\d+) ms 95th, (\d+) ms 99th, (\d+) ms 99\.9th\.$";
    internal const string WindowLine = @"^(\d+) records sent, (\d+\.\d) records/sec \(\d+\.\d{2} MB/sec\), \d+\.\d ms avg latency, \d+\.\d ms max latency\.$";

    [Test]
    public async Task Every_record_is_produced_and_the_summary_has_Kafkas_format()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { AutoCreateTopics = false });
        await cluster.CreateTopicAsync("perf", partitions: 3, replicationFactor: 1);

        ToolResult result = await KafkaTool.RunAsync("", "perf", "produce", "--bootstrap-server", cluster.BootstrapServers, "--topic", "perf",
            "--num-records", "5000", "--record-size", "100", "--throughput", "-1", "--producer-props", "acks=1", "linger.ms=2");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Error, Is.Empty);
        string[] lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Match total = Regex.Match(lines[^1], TotalLine);
        Assert.That(total.Success, Is.True, lines[^1]);
        Assert.That(total.Groups[1].Value, Is.EqualTo("5000"));
        int[] percentiles = [.. Enumerable.Range(3, 4).Select(g => int.Parse(total.Groups[g].Value, CultureInfo.InvariantCulture))];
        Assert.That(percentiles, Is.Ordered, "50th <= 95th <= 99th <= 99.9th");

        using IConsumer<Ignore, string> consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "perf-check" }).Build();
        long count = Enumerable.Range(0, 3).Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition("perf", p), TimeSpan.FromSeconds(10)).High.Value);
        Assert.That(count, Is.EqualTo(5000));
        consumer.Assign(new TopicPartitionOffset("perf", 0, Offset.Beginning));
        ConsumeResult<Ignore, string>? first = consumer.Consume(TimeSpan.FromSeconds(10));
        Assert.That(first?.Message.Value, Does.Match("^[A-Z]{100}$"), "random capital letters, as Kafka's tool");
    }

    [Test]
    public async Task A_throttled_run_keeps_to_its_throughput_and_prints_a_window_line_every_5_seconds()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions());
        var clock = Stopwatch.StartNew();

        ToolResult result = await KafkaTool.RunAsync("", "perf", "produce", "--bootstrap-server", cluster.BootstrapServers, "--topic", "throttled",
            "--num-records", "1100", "--payload-monotonic", "--throughput", "200");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(5)), "1100 records at 200/s take 5.5 s");
        string[] lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines, Has.Length.EqualTo(2), result.Output);
        Match window = Regex.Match(lines[0], WindowLine);
        Assert.That(window.Success, Is.True, lines[0]);
        Assert.That(double.Parse(window.Groups[2].Value, CultureInfo.InvariantCulture), Is.InRange(150, 210));
        Match total = Regex.Match(lines[1], TotalLine);
        Assert.That(total.Success, Is.True, lines[1]);
        Assert.That(double.Parse(total.Groups[2].Value, CultureInfo.InvariantCulture), Is.InRange(150, 205));

        using IConsumer<Ignore, string> consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "perf-check" }).Build();
        Assert.That(consumer.QueryWatermarkOffsets(new TopicPartition("throttled", 0), TimeSpan.FromSeconds(10)).High.Value, Is.EqualTo(1100));
        consumer.Assign(new TopicPartitionOffset("throttled", 0, 7));
        Assert.That(consumer.Consume(TimeSpan.FromSeconds(10))?.Message.Value, Is.EqualTo("7"), "--payload-monotonic: each value is its number");
    }

    [Test]
    public async Task Payload_file_and_producer_config_with_transactions_are_read_committed_and_no_secret_is_printed()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions());
        using var config = new TemporaryFile();
        await File.WriteAllTextAsync(config.Path, $"bootstrap.servers={cluster.BootstrapServers}\nsasl.username=bob\nsasl.password=hunter2-secret\n");
        using var payloads = new TemporaryFile();
        await File.WriteAllTextAsync(payloads.Path, "alpha|beta|gamma");

        ToolResult result = await KafkaTool.RunAsync("", "perf", "produce", "--producer.config", config.Path, "--topic", "payloads",
            "--num-records", "300", "--payload-file", payloads.Path, "--payload-delimiter", "|", "--throughput", "-1",
            "--transactional-id", "perf-tx", "--transaction-duration-ms", "50", "--warmup-records", "100");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.AllOutput, Does.Not.Contain("hunter2-secret"));
        string[] lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines[0], Is.EqualTo($"Reading payloads from: {payloads.Path}").Or.EqualTo($"Reading payloads from: {Path.GetFullPath(payloads.Path)}"));
        Assert.That(lines[1], Is.EqualTo("Number of messages read: 3"));
        Assert.That(lines[2], Is.EqualTo("Warmup first 100 records. Steady state results will print after the complete test summary."));
        Assert.That(lines[^2], Does.Match(TotalLine).And.StartWith("300 records sent"));
        Assert.That(lines[^1], Does.StartWith("200 steady state records sent, "));

        using IConsumer<Ignore, string> consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers, GroupId = "perf-tx-check", AutoOffsetReset = AutoOffsetReset.Earliest, IsolationLevel = Confluent.Kafka.IsolationLevel.ReadCommitted,
        }).Build();
        consumer.Subscribe("payloads");
        var values = new List<string>();
        var deadline = Stopwatch.StartNew();
        while (values.Count < 300 && deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } record)
            {
                values.Add(record.Message.Value);
            }
        }

        Assert.That(values, Has.Count.EqualTo(300));
        Assert.That(values.Distinct().Order(), Is.EqualTo(new[] { "alpha", "beta", "gamma" }));
        long end = consumer.QueryWatermarkOffsets(new TopicPartition("payloads", 0), TimeSpan.FromSeconds(10)).High.Value;
        Assert.That(end, Is.GreaterThan(300), "transaction markers after the records: more than one transaction committed");
    }

    [TestCase("--topic t --num-records 10 --throughput -1", 2, "Exactly one of --record-size, --payload-file or --payload-monotonic must be specified.")]
    [TestCase("--topic t --num-records 10 --throughput -1 --record-size 5 --payload-monotonic", 2, "Exactly one of --record-size, --payload-file or --payload-monotonic must be specified.")]
    [TestCase("--topic t --num-records 0 --throughput -1 --record-size 5", 2, "--num-records should be greater than zero")]
    [TestCase("--topic t --num-records 10 --throughput 0 --record-size 5", 2, "--throughput must be greater than 0 messages/sec, or -1 for no throttling.")]
    [TestCase("--topic t --num-records 10 --throughput -1 --record-size 5 --warmup-records 10", 2, "The value for --warmup-records must be strictly fewer than the number of records in the test, --num-records.")]
    [TestCase("--topic t --num-records 10 --throughput -1 --payload-file /no/such/file", 2, "File does not exist or empty file provided.")]
    [TestCase("--topic t --num-records 10 --throughput -1 --record-size 5 --producer.config /no/such/file", 2, "File does not exist: '/no/such/file'")]
    [TestCase("--topic t --num-records 10 --throughput -1 --record-size 5 --producer-props acks=maybe sasl.password=hunter2-secret", 2, "Invalid value 'maybe' for Kafka property 'acks'")]
    [TestCase("--topic t --num-records 10 --throughput -1 --record-size 5 --producer-props no.such=1", 2, "Unknown Kafka property 'no.such'")]
    [TestCase("--topic missing --num-records 10 --throughput -1 --record-size 5 --producer-props max.block.ms=1000", 1, "missing")]
    public async Task Bad_input_fails_with_one_line_and_no_stack_trace(string arguments, int exitCode, string expected)
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { AutoCreateTopics = false });

        ToolResult result = await KafkaTool.RunAsync("", ["perf", "produce", "--bootstrap-server", cluster.BootstrapServers, .. arguments.Split(' ')]);

        KafkaToolErrorTests.AssertOneErrorLine(result, exitCode, expected);
        Assert.That(result.AllOutput, Does.Not.Contain("hunter2-secret").And.Not.Contain("   at "));
    }
}
