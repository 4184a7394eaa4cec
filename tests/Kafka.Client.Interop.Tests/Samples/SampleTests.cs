using System.Text.RegularExpressions;
using Kafka.Client.Testing;

namespace Interop.Tests.Samples;

/// <summary>
/// The samples under samples/ run as a user runs them (their built dll, referenced by this project so the same
/// build is tested), and do what they print.
/// </summary>
public class SampleTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, name + ".dll");

    private static async Task<string[]> RunAsync(params string[] arguments)
    {
        ToolResult run = await ToolProcess.RunAsync("dotnet", arguments, timeout: RunTimeout);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Error, Is.Empty, run.ToString());
        return run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task QuickStart_creates_describes_produces_consumes_and_shows_lag_on_six_embedded_brokers()
    {
        string[] lines = await RunAsync(Sample("QuickStart"));

        Assert.That(lines[0], Does.StartWith("Started an embedded cluster of 6 brokers: 127.0.0.1:"));
        Assert.That(lines, Does.Contain("Created topic testTopic."));
        string[] partitions = [.. lines.Where(l => l.StartsWith("Partition ", StringComparison.Ordinal))];
        Assert.That(partitions, Has.Length.EqualTo(3));
        foreach (string line in partitions)
        {
            Match partition = Regex.Match(line, @"^Partition \d: leader (\d+), replicas ([\d,]+), isr ([\d,]+)$");
            Assert.That(partition.Success, Is.True, line);
            string[] replicas = partition.Groups[2].Value.Split(',');
            Assert.That(replicas, Has.Length.EqualTo(3));
            Assert.That(replicas, Is.Unique);
            Assert.That(replicas, Is.SubsetOf(new[] { "10", "11", "12", "20", "21", "22" }));
            Assert.That(replicas, Does.Contain(partition.Groups[1].Value), "the leader is a replica");
            Assert.That(partition.Groups[3].Value.Split(','), Is.EquivalentTo(replicas), "every replica in sync");
        }

        string[] produced = [.. lines.Where(l => l.StartsWith("Produced ", StringComparison.Ordinal)).Select(l => Regex.Match(l, "^Produced (message .*) to ").Groups[1].Value)];
        string[] consumed = [.. lines.Where(l => l.StartsWith("Consumed ", StringComparison.Ordinal)).Select(l => Regex.Match(l, "= (message .*) from ").Groups[1].Value)];
        Assert.That(produced, Has.Length.EqualTo(10));
        Assert.That(consumed, Is.EquivalentTo(produced));
        string[] lag = [.. lines.Where(l => l.StartsWith("Group quickstart: ", StringComparison.Ordinal))];
        Assert.That(lag, Has.Length.EqualTo(3));
        Assert.That(lag, Is.All.Match(@"^Group quickstart: testTopic \[\d\] committed (\d+), end \1, lag 0$"));
        Assert.That(lag.Sum(l => int.Parse(Regex.Match(l, @"committed (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(10));
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task QuickStart_runs_against_the_given_bootstrap_server()
    {
        await using EmbeddedKafkaCluster cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 3 });

        string[] lines = await RunAsync(Sample("QuickStart"), "--bootstrap-server", cluster.BootstrapServers);

        Assert.That(lines, Has.None.Contains("embedded cluster"));
        Assert.That(cluster.ListTopics(), Does.Contain("testTopic"));
        Assert.That(Enumerable.Range(0, 3).Sum(p => cluster.DescribePartition("testTopic", p).HighWatermark), Is.EqualTo(10));
        Assert.That(lines.Where(l => l.StartsWith("Group quickstart: ", StringComparison.Ordinal)), Is.All.EndWith("lag 0"));
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task ConsumerGroup_spreads_partitions_over_three_consumers_and_reads_everything()
    {
        string[] lines = await RunAsync(Sample("ConsumerGroup"));

        Assert.That(lines, Does.Contain("consumer-1: assigned partitions 0, 1, 2, 3, 4, 5"), "alone at first, it owns every partition");
        Assert.That(lines, Does.Contain("consumer-1: revoked partitions 0, 1, 2, 3, 4, 5"), "the others joining take partitions away");
        foreach (string consumer in new[] { "consumer-1", "consumer-2", "consumer-3" })
        {
            Assert.That(lines, Has.Some.StartWith($"{consumer}: assigned partitions "));
            Assert.That(lines, Has.Some.StartWith($"{consumer}: consumed "));
            Assert.That(lines, Does.Contain($"{consumer}: left the group"));
        }

        IEnumerable<string> orders = lines.Select(l => Regex.Match(l, "^consumer-[123]: consumed customer-[0-9]+ = (order [0-9]+) from ")).Where(m => m.Success).Select(m => m.Groups[1].Value);
        Assert.That(orders.Distinct(), Is.EquivalentTo(Enumerable.Range(0, 60).Select(i => $"order {i}")));
        Assert.That(lines[^1], Does.Match("^All 60 messages consumed by 3 consumers: consumer-1 [0-9]+, consumer-2 [0-9]+, consumer-3 [0-9]+\\.$"));
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task WorkerService_consumes_until_stopped_then_commits_and_leaves_the_group()
    {
        await using RunningProcess worker = RunningProcess.Start(Sample("WorkerService"));
        int processed = 0;

        await worker.WaitForLineAsync(l => l.Contains("Processed customer-", StringComparison.Ordinal) && ++processed == 20, RunTimeout);
        int exitCode = await worker.StopAsync(TimeSpan.FromSeconds(30));

        Assert.That(exitCode, Is.Zero, string.Join('\n', worker.Output));
        Assert.That(worker.Output[0], Does.StartWith("Started an embedded cluster: 127.0.0.1:"));
        Assert.That(worker.Output, Has.Some.Contains("Hosted consumer OrderHandler subscribed to orders"));
        Assert.That(worker.Output, Has.Some.Contains("Hosted consumer OrderHandler stopped: offsets committed, group left"));
        Assert.That(worker.Output, Has.Some.EndsWith("Stopped; committed offsets by partition: 0@20"), "every processed order committed");
    }
}
