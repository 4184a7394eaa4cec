using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Producing;

/// <summary>An embedded cluster per test (topics are not created automatically) and producer options pointing at it.</summary>
public abstract class ProducerTestBase
{
    protected EmbeddedKafkaCluster Cluster { get; private set; } = null!;

    /// <summary>The options of the cluster each test starts: one broker unless a class asks for more.</summary>
    protected virtual EmbeddedKafkaClusterOptions ClusterOptions => new() { AutoCreateTopics = false };

    [SetUp]
    public async Task StartClusterAsync() => Cluster = await EmbeddedKafkaCluster.StartAsync(ClusterOptions);

    [TearDown]
    public async Task StopClusterAsync() => await Cluster.DisposeAsync();

    /// <summary>Producer options for the cluster with a short linger.ms, then <paramref name="configure"/>.</summary>
    protected ProducerOptions Options(Action<ProducerOptions>? configure = null)
    {
        var options = new ProducerOptions { BootstrapServers = Cluster.BootstrapServers, LingerMs = 5 };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>
    /// Options whose 4 KiB of buffer.memory fill after a few 500-byte messages, with max.block.ms of 300 ms: for
    /// tests of what happens when the cluster stops taking messages.
    /// </summary>
    protected ProducerOptions SmallBufferOptions(int deliveryTimeoutMs) => Options(o =>
    {
        o.BufferMemory = 4_096;
        o.BatchSize = 1_024;
        o.MaxBlockMs = 300;
        o.DeliveryTimeoutMs = deliveryTimeoutMs;
        o.RequestTimeoutMs = 1_000;
        o.LingerMs = 0;
    });
}
