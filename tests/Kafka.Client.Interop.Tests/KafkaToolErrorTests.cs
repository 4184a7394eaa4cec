using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Kafka.Client.Testing;

namespace Interop.Tests;

/// <summary>`kafka topics`, `consume` and `groups` failures: one line on stderr starting with "error: ", and a non-zero exit code.</summary>
/// <remarks>Each case runs its own tool process (and cluster), mostly waiting on it: the cases run side by side.</remarks>
[Parallelizable(ParallelScope.Children)]
public class KafkaToolErrorTests
{
    internal static void AssertOneErrorLine(ToolResult result, int exitCode, string expected)
    {
        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString());
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1), result.ToString());
        Assert.That(result.ErrorLines[0], Does.StartWith("error: ").And.Contain(expected));
    }

    /// <summary>A loopback port that was free a moment ago: connecting to it is refused.</summary>
    internal static string RefusedAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        string address = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();
        return address;
    }

    [TestCase("topics --list")]
    [TestCase("topics --describe --topic t")]
    [TestCase("consume --topic t")]
    [TestCase("groups --list")]
    [TestCase("groups --describe --group g")]
    [TestCase("offsets --topic t")]
    [TestCase("perf consume --topic t --messages 1")]
    [TestCase("perf produce --topic t --num-records 1 --record-size 1 --throughput -1")]
    public async Task An_unreachable_bootstrap_server_fails_in_seconds(string arguments)
    {
        string unreachable = RefusedAddress();
        var clock = Stopwatch.StartNew();
        ToolResult result = await KafkaTool.RunAsync("", [.. arguments.Split(' '), "--bootstrap-server", unreachable]);

        AssertOneErrorLine(result, 1, $"No broker is reachable (bootstrap servers: {unreachable})");
        Assert.That(result.Output, Is.Empty);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), "seconds, not minutes");
    }

    [TestCase("topics --describe --topic missing", "Topic 'missing' does not exist as expected.")]
    [TestCase("topics --delete --topic missing", "Topic 'missing' does not exist as expected.")]
    [TestCase("topics --alter --topic missing --partitions 2", "Topic 'missing' does not exist as expected.")]
    [TestCase("consume --topic missing", "Topic 'missing' does not exist.")]
    [TestCase("consume --topic present --partition 5", "Topic 'present' has no partition 5.")]
    [TestCase("groups --reset-offsets --group g --topic missing --to-earliest", "Topic 'missing' does not exist.")]
    [TestCase("groups --describe --group missing", "Consumer group 'missing' does not exist.")]
    [TestCase("topics --create --topic present", "Topic 'present' already exists.")]
    public async Task An_unknown_topic_or_group_fails_with_exit_code_1(string arguments, string expected)
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { AutoCreateTopics = false });
        await cluster.CreateTopicAsync("present", partitions: 1, replicationFactor: 1);

        ToolResult result = await KafkaTool.RunAsync("", [.. arguments.Split(' '), "--bootstrap-server", cluster.BootstrapServers]);

        AssertOneErrorLine(result, 1, expected);
        Assert.That(cluster.ListTopics(), Does.Not.Contain("missing"));
    }

    [TestCase("topics --bogus", "Unrecognized command or argument '--bogus'")]
    [TestCase("topics", "Command must include exactly one action: --create, --list, --describe, --alter, --delete.")]
    [TestCase("topics --list --describe", "Command must include exactly one action")]
    [TestCase("topics --create", "Option '--topic' is required with --create.")]
    [TestCase("topics --alter --topic t", "Option '--partitions' is required with --alter.")]
    [TestCase("topics --list --replication-factor 3", "Option '--replication-factor' can only be used with --create.")]
    [TestCase("topics --create --topic t --config retention.ms", "--config 'retention.ms' is not KEY=VALUE")]
    [TestCase("topics --create --topic t --replication-factor 0", "The replication factor must be between 1 and 32767 inclusive.")]
    [TestCase("topics --list --command-config /no/such/file", "File does not exist: '/no/such/file'")]
    [TestCase("consume", "Option '--topic' is required.")]
    [TestCase("consume --topic t --property print.nope=true", "Unknown --property 'print.nope'")]
    [TestCase("consume --topic t --property print.key=maybe", "--property print.key=maybe: expected true or false")]
    [TestCase("consume --topic t --consumer-property no.such=1", "Unknown Kafka property 'no.such'")]
    [TestCase("consume --topic t --max-messages many", "Cannot parse argument 'many' for option '--max-messages'")]
    [TestCase("consume --topic t --offset 3", "The partition is required when offset is specified.")]
    [TestCase("groups --describe", "Option '--group' is required with --describe.")]
    [TestCase("groups --list --execute", "Option '--execute' can only be used with --reset-offsets.")]
    [TestCase("groups --describe --group g --members --state", "Option --describe takes at most one of these options: --members, --offsets, --state")]
    [TestCase("groups --describe --group g --state Stable", "Option --describe does not take a value for --state")]
    [TestCase("groups --delete --group g --state", "Option '--state' can only be used with --describe or --list.")]
    [TestCase("groups --describe --group g --type", "Option '--type' can only be used with --list.")]
    [TestCase("groups --reset-offsets --group g --topic t", "--reset-offsets takes exactly one of --to-earliest, --to-latest, --to-offset, --shift-by.")]
    [TestCase("groups --reset-offsets --group g --to-latest", "One of the reset scopes should be defined: --all-topics, --topic.")]
    [TestCase("groups --reset-offsets --group g --all-topics --to-latest --execute --dry-run", "Option --execute cannot be used with --dry-run.")]
    public async Task A_bad_flag_fails_with_exit_code_2(string arguments, string expected)
    {
        ToolResult result = await KafkaTool.RunAsync("", [.. arguments.Split(' '), "--bootstrap-server", "127.0.0.1:9"]);

        AssertOneErrorLine(result, 2, expected);
    }

    [TestCase("topics", "--create", "--describe", "--list", "--alter", "--delete", "--partitions", "--replication-factor", "--config", "--if-not-exists", "--command-config")]
    [TestCase("consume", "--topic", "--from-beginning", "--group", "--max-messages", "--timeout-ms", "--property", "--consumer-property", "--consumer.config", "--partition", "--offset")]
    [TestCase("groups", "--list", "--describe", "--delete", "--reset-offsets", "--group", "--topic", "--all-topics", "--to-earliest", "--to-latest", "--to-offset", "--shift-by", "--execute", "--dry-run", "--offsets", "--members", "--state", "--type", "--verbose")]
    [TestCase("broker", "--brokers", "--broker-ids", "--port", "--data-dir", "--config", "--listener", "--sasl-user", "--acls", "--write-ca")]
    [TestCase("produce", "--topic", "--property", "--producer-property")]
    [TestCase("perf produce", "--topic", "--num-records", "--record-size", "--payload-file", "--payload-monotonic", "--throughput", "--producer-props", "--producer.config", "--transactional-id", "--warmup-records")]
    [TestCase("perf consume", "--topic", "--include", "--messages", "--group", "--from-latest", "--timeout", "--consumer.config", "--show-detailed-stats", "--reporting-interval")]
    [TestCase("records", "--delete", "--offset-json-file", "--command-config")]
    [TestCase("offsets", "--topic", "--partitions", "--topic-partitions", "--time", "--exclude-internal-topics", "--command-config")]
    public async Task Every_verb_has_help_listing_its_flags(string verb, params string[] flags)
    {
        ToolResult help = await KafkaTool.RunAsync("", [.. verb.Split(' '), "--help"]);

        Assert.That(help.ExitCode, Is.Zero, help.ToString());
        Assert.That(help.Error, Is.Empty);
        Assert.That(help.Output, Does.Contain("Usage:"));
        foreach (string flag in flags)
        {
            Assert.That(help.Output, Does.Contain(flag));
        }
    }
}
