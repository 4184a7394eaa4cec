using Kafka.Client.Testing;

namespace Interop.Tests;

/// <summary>`kafka topics` beyond the walkthrough: topic configs at creation and more partitions with --alter.</summary>
public class KafkaTopicsTests
{
    [Test]
    public async Task Create_with_config_shows_it_in_describe_and_alter_adds_partitions()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 3 });
        string server = cluster.BootstrapServers;
        await KafkaTutorialTests.Kafka("", "topics", "--bootstrap-server", server, "--create", "--topic", "configured", "--partitions", "2",
            "--replication-factor", "2", "--config", "retention.ms=60000", "--config", "cleanup.policy=delete");

        ToolResult created = await KafkaTutorialTests.Kafka("", "topics", "--bootstrap-server", server, "--describe", "--topic", "configured");
        string header = created.Output.Split('\n')[0];
        Assert.That(header, Does.Match(@"\tPartitionCount: 2\tReplicationFactor: 2\tConfigs: "));
        Assert.That(header[(header.IndexOf("Configs: ", StringComparison.Ordinal) + 9)..].Split(','), Is.EquivalentTo(new[] { "cleanup.policy=delete", "retention.ms=60000" }));

        await KafkaTutorialTests.Kafka("", "topics", "--bootstrap-server", server, "--alter", "--topic", "configured", "--partitions", "5");
        ToolResult altered = await KafkaTutorialTests.Kafka("", "topics", "--bootstrap-server", server, "--describe", "--topic", "configured");
        string[] lines = altered.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.Contain("\tPartitionCount: 5\t"));
        Assert.That(lines.Skip(1).Select(l => l.Split('\t')[2]), Is.EqualTo(Enumerable.Range(0, 5).Select(p => $"Partition: {p}")));
        Assert.That(cluster.DescribePartition("configured", 4).Replicas, Has.Count.EqualTo(2), "new partitions keep the replication factor");

        ToolResult fewer = await KafkaTool.RunAsync("", "topics", "--bootstrap-server", server, "--alter", "--topic", "configured", "--partitions", "3");
        Assert.That(fewer.ExitCode, Is.Not.Zero);
        Assert.That(fewer.Error, Does.Contain("5").And.Contain("3"), fewer.ToString());
    }
}
