using System.Diagnostics;
using Kafka.Client;
using Kafka.Client.Testing;

namespace Interop.Tests;

/// <summary>`kafka consume` (the console consumer) run as its own process: what it prints, and when it stops.</summary>
public class KafkaConsumeTests
{
    [Test]
    public async Task Formatter_properties_print_partition_offset_and_key_as_Kafkas_tool_does()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync();
        await KafkaTutorialTests.Kafka("k1:v1\nk2:v2\n", "produce", "--bootstrap-server", cluster.BootstrapServers, "--topic", "keyed",
            "--property", "parse.key=true", "--property", "key.separator=:");
        await KafkaTutorialTests.Kafka("unkeyed\n", "produce", "--bootstrap-server", cluster.BootstrapServers, "--topic", "keyed");

        ToolResult consumed = await KafkaTutorialTests.Kafka("", "consume", "--bootstrap-server", cluster.BootstrapServers, "--topic", "keyed", "--from-beginning",
            "--max-messages", "3", "--property", "print.key=true", "--property", "print.offset=true", "--property", "print.partition=true", "--property", "key.separator= | ");

        Assert.That(consumed.Output, Is.EqualTo("Partition:0 | Offset:0 | k1 | v1\nPartition:0 | Offset:1 | k2 | v2\nPartition:0 | Offset:2 | null | unkeyed\n"));
        Assert.That(consumed.Error, Is.EqualTo("Processed a total of 3 messages\n"));
    }

    [Test]
    public async Task Timeout_ms_exits_when_no_message_comes_and_a_generated_group_commits_nothing()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync();
        await KafkaTutorialTests.Kafka("a\nb\n", "produce", "--bootstrap-server", cluster.BootstrapServers, "--topic", "idle");

        var clock = Stopwatch.StartNew();
        ToolResult consumed = await KafkaTutorialTests.Kafka("", "consume", "--bootstrap-server", cluster.BootstrapServers, "--topic", "idle", "--from-beginning", "--timeout-ms", "1000");

        Assert.That(consumed.Output, Is.EqualTo("a\nb\n"));
        Assert.That(consumed.Error, Is.EqualTo("Processed a total of 2 messages\n"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
        await using var admin = new KafkaAdminClient(new AdminClientOptions { BootstrapServers = cluster.BootstrapServers });
        ConsumerGroupListing group = (await admin.ListConsumerGroupsAsync()).Valid.Single();
        Assert.That(group.GroupId, Does.Match("^console-consumer-[0-9]{1,5}$"));
        Assert.That(await admin.ListConsumerGroupOffsetsAsync(group.GroupId), Is.Empty, "Kafka's tool turns auto-commit off for its throwaway group");
    }

    [Test]
    public async Task Latest_is_the_default_start_and_a_partition_can_be_read_from_an_offset()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync();
        await KafkaTutorialTests.Kafka("0\n1\n2\n3\n", "produce", "--bootstrap-server", cluster.BootstrapServers, "--topic", "offsets");

        ToolResult fromEnd = await KafkaTutorialTests.Kafka("", "consume", "--bootstrap-server", cluster.BootstrapServers, "--topic", "offsets", "--timeout-ms", "1000");
        ToolResult fromTwo = await KafkaTutorialTests.Kafka("", "consume", "--bootstrap-server", cluster.BootstrapServers, "--topic", "offsets",
            "--partition", "0", "--offset", "2", "--max-messages", "2");

        Assert.That(fromEnd.Output, Is.Empty, "without --from-beginning a new group starts at the end");
        Assert.That(fromEnd.Error, Is.EqualTo("Processed a total of 0 messages\n"));
        Assert.That(fromTwo.Output, Is.EqualTo("2\n3\n"));
    }
}
