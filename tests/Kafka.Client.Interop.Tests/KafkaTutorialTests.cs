using System.Text.RegularExpressions;

namespace Interop.Tests;

/// <summary>
/// Kafka's quickstart with the `kafka` tool, each step its own process against `kafka broker`: a topic with
/// replication factor 3, describe it, produce, consume from the beginning in a group, and the group's lag.
/// </summary>
public class KafkaTutorialTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task The_classic_walkthrough_runs_end_to_end_with_the_kafka_tool()
    {
        await using var broker = await BrokerProcess.StartAsync("--brokers", "3", "--broker-ids", "10,11,12", "--port", "0", "--quiet");
        string server = broker.BootstrapServers;

        ToolResult created = await Kafka("", "topics", "--bootstrap-server", server, "--create", "--topic", "testTopic", "--partitions", "3", "--replication-factor", "3");
        Assert.That(created.Output, Is.EqualTo("Created topic testTopic.\n"));

        ToolResult described = await Kafka("", "topics", "--bootstrap-server", server, "--describe", "--topic", "testTopic");
        string[] lines = described.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(4), described.ToString());
        Assert.That(lines[0], Does.Match(@"^Topic: testTopic\tTopicId: [A-Za-z0-9_-]{22}\tPartitionCount: 3\tReplicationFactor: 3\tConfigs: $"));
        for (int partition = 0; partition < 3; partition++)
        {
            Match line = Regex.Match(lines[partition + 1], @"^\tTopic: testTopic\tPartition: (\d+)\tLeader: (\d+)\tReplicas: ([\d,]+)\tIsr: ([\d,]+)\tElr: N/A\tLastKnownElr: N/A$");
            Assert.That(line.Success, Is.True, lines[partition + 1]);
            Assert.That(line.Groups[1].Value, Is.EqualTo(partition.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(line.Groups[2].Value, Is.AnyOf("10", "11", "12"));
            Assert.That(line.Groups[3].Value.Split(','), Is.EquivalentTo(new[] { "10", "11", "12" }));
            Assert.That(line.Groups[4].Value.Split(','), Is.EquivalentTo(new[] { "10", "11", "12" }));
        }

        ToolResult listed = await Kafka("", "topics", "--bootstrap-server", server, "--list");
        Assert.That(listed.Output.Split('\n'), Does.Contain("testTopic"));

        string[] first = [.. Enumerable.Range(0, 10).Select(i => $"message {i}")];
        await Kafka(string.Join('\n', first) + "\n", "produce", "--bootstrap-server", server, "--topic", "testTopic");

        ToolResult consumed = await Kafka("", "consume", "--bootstrap-server", server, "--topic", "testTopic", "--from-beginning", "--group", "G",
            "--max-messages", "10", "--property", "print.partition=true", "--property", "print.offset=true");
        Assert.That(consumed.Error, Is.EqualTo("Processed a total of 10 messages\n"));
        AssertInOrderPerPartition(consumed.Output, first);

        List<GroupRow> caughtUp = await DescribeGroupAsync(server, "G");
        Assert.That(caughtUp, Has.Count.EqualTo(3), "one row per partition of testTopic");
        Assert.That(caughtUp.Select(r => r.Lag), Is.All.EqualTo("0"));
        Assert.That(caughtUp.Sum(r => long.Parse(r.CurrentOffset, System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(10));

        await Kafka(string.Join('\n', Enumerable.Range(10, 5).Select(i => $"message {i}")) + "\n", "produce", "--bootstrap-server", server, "--topic", "testTopic");
        List<GroupRow> behind = await DescribeGroupAsync(server, "G");
        Assert.That(behind.Sum(r => r.LagNumber), Is.EqualTo(5));
        Assert.That(behind.Select(r => r.LagNumber), Is.EqualTo(behind.Select(r => r.LogEndNumber - r.CurrentNumber)));

        ToolResult reset = await Kafka("", "groups", "--bootstrap-server", server, "--reset-offsets", "--group", "G", "--topic", "testTopic", "--to-earliest", "--execute");
        string[] resetLines = reset.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(resetLines[0], Does.Match("^GROUP +TOPIC +PARTITION +NEW-OFFSET$"));
        Assert.That(resetLines.Skip(1).Select(l => Regex.Split(l, " +")), Is.EqualTo(new[]
        {
            new[] { "G", "testTopic", "0", "0" }, new[] { "G", "testTopic", "1", "0" }, new[] { "G", "testTopic", "2", "0" },
        }));
        List<GroupRow> rewound = await DescribeGroupAsync(server, "G");
        Assert.That(rewound.Select(r => r.CurrentOffset), Is.All.EqualTo("0"));
        Assert.That(rewound.Sum(r => r.LagNumber), Is.EqualTo(15));

        ToolResult again = await Kafka("", "consume", "--bootstrap-server", server, "--topic", "testTopic", "--group", "G", "--max-messages", "15");
        Assert.That(again.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EquivalentTo(Enumerable.Range(0, 15).Select(i => $"message {i}")));

        Assert.That((await Kafka("", "groups", "--bootstrap-server", server, "--list")).Output.Split('\n'), Does.Contain("G"));
        ToolResult deleted = await Kafka("", "groups", "--bootstrap-server", server, "--delete", "--group", "G");
        Assert.That(deleted.Output, Is.EqualTo("Deletion of requested consumer groups ('G') was successful.\n"));
        Assert.That((await Kafka("", "groups", "--bootstrap-server", server, "--list")).Output.Split('\n'), Does.Not.Contain("G"));

        await Kafka("", "topics", "--bootstrap-server", server, "--delete", "--topic", "testTopic");
        Assert.That((await Kafka("", "topics", "--bootstrap-server", server, "--list")).Output.Split('\n'), Does.Not.Contain("testTopic"));
        Assert.That(await broker.StopAsync(), Is.Zero);
    }

    /// <summary>Runs the tool and asserts it succeeded.</summary>
    internal static async Task<ToolResult> Kafka(string input, params string[] arguments)
    {
        ToolResult result = await KafkaTool.RunAsync(input, arguments);
        Assert.That(result.ExitCode, Is.Zero, $"kafka {string.Join(' ', arguments)}: {result}");
        return result;
    }

    /// <summary>`kafka groups --describe` of an inactive group: Kafka's note on stderr, the table on stdout.</summary>
    internal static async Task<List<GroupRow>> DescribeGroupAsync(string server, string group)
    {
        ToolResult described = await Kafka("", "groups", "--bootstrap-server", server, "--describe", "--group", group);
        Assert.That(described.Error, Is.EqualTo($"\nConsumer group '{group}' has no active members.\n"));
        string[] lines = described.Output.Split('\n');
        Assert.That(lines[0], Is.Empty, "Kafka's tool starts the table with an empty line");
        Assert.That(lines[1], Is.EqualTo("GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID     HOST            CLIENT-ID"));
        return [.. lines.Skip(2).Where(l => l.Length > 0).Select(l =>
        {
            Assert.That(l, Does.Match(@"^\S+ +\S+ +\S+ +\S+ +\S+ +\S+ +- +- +-$"), "no member owns a partition");
            Assert.That(l.IndexOf("testTopic", StringComparison.Ordinal), Is.EqualTo(16), "columns aligned with the header");
            string[] cells = Regex.Split(l, " +");
            return new GroupRow(cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]);
        })];
    }

    private static void AssertInOrderPerPartition(string output, string[] produced)
    {
        var byPartition = new Dictionary<string, List<(long Offset, string Value)>>();
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] fields = line.Split('\t');
            Assert.That(fields, Has.Length.EqualTo(3), line);
            Assert.That(fields[0], Does.StartWith("Partition:"));
            Assert.That(fields[1], Does.StartWith("Offset:"));
            if (!byPartition.TryGetValue(fields[0], out var records))
            {
                byPartition[fields[0]] = records = [];
            }

            records.Add((long.Parse(fields[1]["Offset:".Length..], System.Globalization.CultureInfo.InvariantCulture), fields[2]));
        }

        Assert.That(byPartition.Values.SelectMany(r => r.Select(x => x.Value)), Is.EquivalentTo(produced));
        foreach (List<(long Offset, string Value)> records in byPartition.Values)
        {
            Assert.That(records.Select(r => r.Offset), Is.EqualTo(Enumerable.Range(0, records.Count).Select(i => (long)i)), "from the beginning, in offset order");
            Assert.That(records.Select(r => Array.IndexOf(produced, r.Value)), Is.Ordered, "in the order produced");
        }
    }

    internal sealed record GroupRow(string Group, string Topic, string Partition, string CurrentOffset, string LogEndOffset, string Lag)
    {
        public long CurrentNumber => long.Parse(CurrentOffset, System.Globalization.CultureInfo.InvariantCulture);

        public long LogEndNumber => long.Parse(LogEndOffset, System.Globalization.CultureInfo.InvariantCulture);

        public long LagNumber => long.Parse(Lag, System.Globalization.CultureInfo.InvariantCulture);
    }
}
