using System.Text.RegularExpressions;
using Kafka.Client;
using Kafka.Client.Testing;

namespace Interop.Tests;

/// <summary>`kafka groups` against active and inactive groups: owners in the table, resets refused or dry.</summary>
public class KafkaGroupsTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task An_active_group_shows_its_member_per_partition_and_refuses_a_reset(CancellationToken cancellationToken)
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { DefaultPartitions = 2 }, cancellationToken);
        await KafkaTutorialTests.Kafka("a\nb\nc\n", "produce", "--bootstrap-server", cluster.BootstrapServers, "--topic", "active");
        await using var consumer = new KafkaConsumer<string, string>(new ConsumerOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "live",
            ClientId = "live-client",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        });
        consumer.Subscribe("active");
        int consumed = 0;
        await foreach (ConsumeResult<string, string> _ in consumer.ConsumeAsync(cancellationToken))
        {
            if (++consumed == 3)
            {
                break;
            }
        }

        await consumer.CommitAsync(cancellationToken);

        ToolResult described = await KafkaTutorialTests.Kafka("", "groups", "--bootstrap-server", cluster.BootstrapServers, "--describe", "--group", "live");
        ToolResult reset = await KafkaTool.RunAsync("", "groups", "--bootstrap-server", cluster.BootstrapServers, "--reset-offsets", "--group", "live", "--all-topics", "--to-earliest", "--execute");

        Assert.That(described.Error, Is.Empty, "a stable group has no note");
        string[] rows = [.. described.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)];
        Assert.That(rows, Has.Length.EqualTo(2));
        foreach (string row in rows)
        {
            string[] cells = Regex.Split(row, " +");
            Assert.That(cells[6], Is.EqualTo(consumer.MemberId));
            Assert.That(cells[8], Is.EqualTo("live-client"));
            Assert.That(cells[5], Is.EqualTo("0"), "lag");
        }

        KafkaToolErrorTests.AssertOneErrorLine(reset, 1, "Assignments can only be reset if the group 'live' is inactive, but the current state is Stable.");
    }

    [Test]
    public async Task Reset_offsets_without_execute_is_a_dry_run_and_shift_by_moves_from_the_committed_offset()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync();
        await KafkaTutorialTests.Kafka("0\n1\n2\n3\n4\n", "produce", "--bootstrap-server", cluster.BootstrapServers, "--topic", "shifted");
        await KafkaTutorialTests.Kafka("", "consume", "--bootstrap-server", cluster.BootstrapServers, "--topic", "shifted", "--group", "s", "--from-beginning", "--max-messages", "5");

        ToolResult dry = await KafkaTutorialTests.Kafka("", "groups", "--bootstrap-server", cluster.BootstrapServers, "--reset-offsets", "--group", "s", "--topic", "shifted", "--to-earliest");
        ToolResult shifted = await KafkaTutorialTests.Kafka("", "groups", "--bootstrap-server", cluster.BootstrapServers, "--reset-offsets", "--group", "s", "--topic", "shifted:0", "--shift-by", "-2", "--execute");
        ToolResult again = await KafkaTutorialTests.Kafka("", "consume", "--bootstrap-server", cluster.BootstrapServers, "--topic", "shifted", "--group", "s", "--max-messages", "2");

        Assert.That(dry.Output, Does.Match("\ns +shifted +0 +0\n"));
        Assert.That(dry.Error, Does.StartWith("WARN: No action was performed as the --execute option is missing."));
        Assert.That(shifted.Output, Does.Match("\ns +shifted +0 +3\n"), "5 committed, shifted by -2; the dry run changed nothing");
        Assert.That(again.Output, Is.EqualTo("3\n4\n"));
    }

    [Test]
    public async Task Reset_offsets_to_an_offset_clamps_to_the_log_and_to_latest_skips_everything()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync();
        await KafkaTutorialTests.Kafka("0\n1\n2\n3\n4\n", "produce", "--bootstrap-server", cluster.BootstrapServers, "--topic", "moved");
        await KafkaTutorialTests.Kafka("", "consume", "--bootstrap-server", cluster.BootstrapServers, "--topic", "moved", "--group", "m", "--from-beginning", "--max-messages", "1");

        ToolResult toOffset = await KafkaTutorialTests.Kafka("", "groups", "--bootstrap-server", cluster.BootstrapServers, "--reset-offsets", "--group", "m", "--topic", "moved", "--to-offset", "2", "--execute");
        ToolResult fromTwo = await KafkaTutorialTests.Kafka("", "consume", "--bootstrap-server", cluster.BootstrapServers, "--topic", "moved", "--group", "m", "--max-messages", "1");
        ToolResult tooFar = await KafkaTutorialTests.Kafka("", "groups", "--bootstrap-server", cluster.BootstrapServers, "--reset-offsets", "--group", "m", "--topic", "moved", "--to-offset", "99", "--execute");
        ToolResult toLatest = await KafkaTutorialTests.Kafka("", "groups", "--bootstrap-server", cluster.BootstrapServers, "--reset-offsets", "--group", "m", "--topic", "moved", "--to-earliest", "--execute");
        toLatest = await KafkaTutorialTests.Kafka("", "groups", "--bootstrap-server", cluster.BootstrapServers, "--reset-offsets", "--group", "m", "--topic", "moved", "--to-latest", "--execute");
        ToolResult described = await KafkaTutorialTests.Kafka("", "groups", "--bootstrap-server", cluster.BootstrapServers, "--describe", "--group", "m");

        Assert.That(toOffset.Output, Does.Match("\nm +moved +0 +2\n"));
        Assert.That(fromTwo.Output, Is.EqualTo("2\n"), "the group resumed from the offset it was reset to");
        Assert.That(tooFar.Error, Does.Contain("New offset (99) is higher than latest offset for topic partition moved-0. Value will be set to 5"));
        Assert.That(tooFar.Output, Does.Match("\nm +moved +0 +5\n"));
        Assert.That(toLatest.Output, Does.Match("\nm +moved +0 +5\n"));
        Assert.That(described.Output, Does.Match("\nm +moved +0 +5 +5 +0 "), "at the log end: lag 0");
    }
}
