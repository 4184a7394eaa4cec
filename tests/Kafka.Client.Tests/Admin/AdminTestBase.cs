using System.Diagnostics;
using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Admin;

/// <summary>A 3-broker embedded cluster over real TCP and an admin client for it, new for every test.</summary>
public abstract class AdminTestBase
{
    protected EmbeddedKafkaCluster Cluster { get; private set; } = null!;

    protected KafkaAdminClient Admin { get; private set; } = null!;

    [SetUp]
    public async Task StartAsync()
    {
        Cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 3, AutoCreateTopics = false });
        Admin = NewAdmin();
    }

    [TearDown]
    public async Task StopAsync()
    {
        await Admin.DisposeAsync();
        await Cluster.DisposeAsync();
    }

    protected KafkaAdminClient NewAdmin(Action<AdminClientOptions>? configure = null)
    {
        var options = new AdminClientOptions { BootstrapServers = Cluster.BootstrapServers, DefaultApiTimeoutMs = 15_000, RetryBackoffMs = 20, RetryBackoffMaxMs = 100 };
        configure?.Invoke(options);
        return new KafkaAdminClient(options);
    }

    protected static string NewName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Produces <paramref name="count"/> messages to a partition, the i-th with timestamp <paramref name="firstTimestamp"/> + i seconds.</summary>
    protected async Task ProduceAsync(string topic, int partition, int count, long firstTimestamp = 1_700_000_000_000)
    {
        await using var producer = new KafkaProducer<Null, string>(new ProducerOptions { BootstrapServers = Cluster.BootstrapServers, LingerMs = 1 });
        for (int i = 0; i < count; i++)
        {
            var timestamp = new Timestamp(DateTimeOffset.FromUnixTimeMilliseconds(firstTimestamp + (i * 1_000L)));
            await producer.ProduceAsync(new TopicPartition(topic, partition), new Message<Null, string> { Value = $"m{i}", Timestamp = timestamp });
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, or fails after <paramref name="timeout"/>.</summary>
    protected static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#} s waiting until {because}.");
            }

            await Task.Delay(20);
        }
    }
}
