using System.Diagnostics;
using Kafka.Client.Testing;

namespace Interop.Tests;

/// <summary>`kafka produce` failures: one line on stderr starting with "error: ", and a non-zero exit code.</summary>
public class KafkaProduceErrorTests
{
    private static void AssertOneErrorLine(ToolResult result, int exitCode, string expected) =>
        KafkaToolErrorTests.AssertOneErrorLine(result, exitCode, expected);

    [Test]
    public async Task An_unreachable_bootstrap_server_fails_after_max_block_ms()
    {
        string unreachable = KafkaToolErrorTests.RefusedAddress();

        var clock = Stopwatch.StartNew();
        ToolResult result = await KafkaTool.RunAsync("hello\nworld\n",
            "produce", "--bootstrap-server", unreachable, "--topic", "t", "--max-block-ms", "1000");

        AssertOneErrorLine(result, 1, $"No broker is reachable (bootstrap servers: {unreachable})");
        Assert.That(result.ErrorLines[0], Does.Contain("after 1000 ms (max.block.ms)"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)), "gives up after max.block.ms, once");
    }

    [Test]
    public async Task The_default_max_block_ms_is_seconds_not_minutes()
    {
        ToolResult help = await KafkaTool.RunAsync("", "produce", "--help");

        Assert.That(help.ExitCode, Is.Zero, help.ToString());
        Assert.That(help.Output.Split('\n').Single(l => l.TrimStart().StartsWith("--max-block-ms", StringComparison.Ordinal)), Does.EndWith("[default: 10000]"));
    }

    [Test]
    public async Task An_unknown_topic_fails_after_max_block_ms_when_the_broker_does_not_create_it()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { AutoCreateTopics = false });

        ToolResult result = await KafkaTool.RunAsync("hello\n",
            "produce", "--bootstrap-server", cluster.BootstrapServers, "--topic", "missing", "--max-block-ms", "1000");

        AssertOneErrorLine(result, 1, "Topic 'missing' not present in metadata after 1000 ms (max.block.ms): UnknownTopicOrPartition");
        Assert.That(cluster.ListTopics(), Does.Not.Contain("missing"));
    }

    [Test]
    public async Task A_line_without_the_key_separator_fails_naming_the_line_after_sending_those_before()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync();

        ToolResult result = await KafkaTool.RunAsync("k1:one\nno key here\nk3:three\n",
            "produce", "--bootstrap-server", cluster.BootstrapServers, "--topic", "keys", "--property", "parse.key=true", "--property", "key.separator=:");

        AssertOneErrorLine(result, 1, "No key separator found on line number 2: 'no key here'");
        Assert.That(KafkaProduceTests.Stored(cluster, "keys").Select(r => r.ToString()), Is.EqualTo(new[] { "k1 = one []" }));
    }

    [TestCase("--bogus", "Unrecognized command or argument '--bogus'")]
    [TestCase("--property nope=1", "Unknown --property 'nope'")]
    [TestCase("--property parse.key", "--property 'parse.key' is not KEY=VALUE")]
    [TestCase("--property parse.key=maybe", "--property parse.key=maybe: expected true or false")]
    [TestCase("--producer-property linger.ms=abc", "Invalid value 'abc' for Kafka property 'linger.ms'")]
    [TestCase("--producer-property no.such.property=1", "Unknown Kafka property 'no.such.property'")]
    [TestCase("--producer-property enable.idempotence=true --acks 1", "Must set acks to all in order to use the idempotent producer")]
    [TestCase("--acks 2", "Argument '2' not recognized")]
    [TestCase("--compression-type brotli", "Argument 'brotli' not recognized")]
    [TestCase("--timeout soon", "Cannot parse argument 'soon' for option '--timeout'")]
    [TestCase("--file /no/such/file", "File does not exist: '/no/such/file'")]
    public async Task A_bad_flag_or_property_fails_with_exit_code_2(string flags, string expected)
    {
        ToolResult result = await KafkaTool.RunAsync("never read\n",
            ["produce", "--bootstrap-server", "127.0.0.1:9", "--topic", "t", .. flags.Split(' ')]);

        AssertOneErrorLine(result, 2, expected);
    }

    [Test]
    public async Task Missing_required_flags_are_named_in_one_line()
    {
        ToolResult result = await KafkaTool.RunAsync("", "produce");

        AssertOneErrorLine(result, 2, "Option '--bootstrap-server' is required. Option '--topic' is required. See 'kafka produce --help'.");
    }

    [Test]
    public async Task Help_lists_the_console_producer_flags()
    {
        ToolResult help = await KafkaTool.RunAsync("", "produce", "--help");

        Assert.That(help.ExitCode, Is.Zero, help.ToString());
        Assert.That(help.Error, Is.Empty);
        foreach (string flag in new[] { "--bootstrap-server", "--topic", "--property", "--producer-property", "--producer.config", "--acks", "--request-required-acks", "--compression-type", "--compression-codec", "--file", "--sync", "--max-block-ms" })
        {
            Assert.That(help.Output, Does.Contain(flag));
        }
    }
}
