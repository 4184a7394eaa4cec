using System.Text.RegularExpressions;
using Kafka.Client;
using Kafka.Client.Testing;

namespace Interop.Tests;

/// <summary>`kafka groups --describe --members [--verbose]`: members of a consumer-protocol group with their epochs and assignments, as Kafka 4's tool.</summary>
public class KafkaGroupsMembersTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Members_of_a_consumer_protocol_group_show_current_and_target_epochs_and_assignments(CancellationToken cancellationToken)
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions
        {
            DefaultPartitions = 3,
            ConsumerGroupMinHeartbeatIntervalMs = 100,
            ConsumerGroupHeartbeatIntervalMs = 100,
        }, cancellationToken);
        await KafkaTutorialTests.Kafka("a\nb\nc\n", "produce", "--bootstrap-server", cluster.BootstrapServers, "--topic", "members");
        await using var consumer = new KafkaConsumer<string, string>(new ConsumerOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "kip848",
            ClientId = "kip848-client",
            GroupProtocol = GroupProtocol.Consumer,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        });
        consumer.Subscribe("members");
        int consumed = 0;
        await foreach (ConsumeResult<string, string> _ in consumer.ConsumeAsync(cancellationToken))
        {
            if (++consumed == 3)
            {
                break;
            }
        }

        ToolResult plain = await KafkaTutorialTests.Kafka("", "groups", "--bootstrap-server", cluster.BootstrapServers, "--describe", "--group", "kip848", "--members");
        ToolResult verbose = await KafkaTutorialTests.Kafka("", "groups", "--bootstrap-server", cluster.BootstrapServers, "--describe", "--group", "kip848", "--members", "--verbose");

        string[] lines = [.. plain.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
        Assert.That(Regex.Split(lines[0].Trim(), " +"), Is.EqualTo(new[] { "GROUP", "CONSUMER-ID", "HOST", "CLIENT-ID", "#PARTITIONS" }));
        string[] cells = Regex.Split(lines[1].Trim(), " +");
        Assert.That(cells[0], Is.EqualTo("kip848"));
        Assert.That(cells[1], Is.EqualTo(consumer.MemberId));
        Assert.That(cells[3], Is.EqualTo("kip848-client"));
        Assert.That(cells[4], Is.EqualTo("3"));

        lines = [.. verbose.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
        Assert.That(Regex.Split(lines[0].Trim(), " +"), Is.EqualTo(new[] { "GROUP", "CONSUMER-ID", "HOST", "CLIENT-ID", "#PARTITIONS", "CURRENT-EPOCH", "CURRENT-ASSIGNMENT", "TARGET-EPOCH", "TARGET-ASSIGNMENT" }));
        cells = Regex.Split(lines[1].Trim(), " +");
        string epoch = consumer.ConsumerGroupMetadata.GenerationId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(cells[5..], Is.EqualTo(new[] { epoch, "members:0,1,2", epoch, "members:0,1,2" }));
    }
}
