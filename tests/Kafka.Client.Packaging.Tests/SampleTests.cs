using Kafka.Client.Testing;

namespace Kafka.Client.Packaging.Tests;

/// <summary>The samples run as a user runs them, and do what they print.</summary>
public sealed class SampleTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, name + ".dll");

    [Test]
    [CancelAfter(60_000)]
    public async Task Producer_sample_starts_its_own_cluster_and_produces_both_ways(CancellationToken cancellationToken)
    {
        ToolResult run = await Dotnet.RunAsync([Sample("Producer")], AppContext.BaseDirectory, RunTimeout, cancellationToken);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        string[] lines = run.Output.Split('\n');
        Assert.That(lines[0], Does.StartWith("Started an embedded cluster: 127.0.0.1:"));
        Assert.That(lines.Where(l => l.StartsWith("ProduceAsync: ", StringComparison.Ordinal)).Select(l => l.Split(" -> ")[0]),
            Is.EqualTo(new[] { "ProduceAsync: alice", "ProduceAsync: bob", "ProduceAsync: carol" }));
        Assert.That(lines, Does.Contain("Produce: 1000 delivered, 0 failed"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Producer_sample_writes_to_the_given_bootstrap_server(CancellationToken cancellationToken)
    {
        await using EmbeddedKafkaCluster cluster = await EmbeddedKafkaCluster.StartAsync(
            new EmbeddedKafkaClusterOptions { DefaultPartitions = 2 }, cancellationToken);

        ToolResult run = await Dotnet.RunAsync(
            [Sample("Producer"), "--bootstrap-server", cluster.BootstrapServers, "--topic", "orders"], AppContext.BaseDirectory, RunTimeout, cancellationToken);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Not.Contain("embedded cluster"));
        Assert.That(run.Output, Does.Contain("ProduceAsync: alice -> orders [").And.Contain("Produce: 1000 delivered, 0 failed"));
        List<StoredRecord> stored = StoredRecord.ReadAll(cluster, "orders", partitions: 2);
        Assert.That(stored, Has.Count.EqualTo(1003));
        Assert.That(stored.Where(r => r.Key == "alice").Select(r => r.Value), Is.EqualTo(new[] { "order from alice" }));
        Assert.That(stored.Select(r => r.Codec).Distinct(), Is.EqualTo(new[] { Protocol.CompressionCodec.Lz4 }));
    }
}
