using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Consuming;

/// <summary>An embedded cluster per test, and helpers to fill topics and read them back.</summary>
public abstract class ConsumerTestBase
{
    protected EmbeddedKafkaCluster Cluster { get; private set; } = null!;

    /// <summary>The options of the cluster each test starts.</summary>
    protected virtual EmbeddedKafkaClusterOptions ClusterOptions => new() { Brokers = 3, AutoCreateTopics = false };

    /// <summary>
    /// One broker with short <c>group.consumer.*</c> heartbeat and session timeouts, for consumer-protocol (KIP-848)
    /// tests that take a few seconds; <paramref name="keepRecentRequests"/> keeps the requests for the test to read.
    /// </summary>
    protected static EmbeddedKafkaClusterOptions FastConsumerGroups(int sessionTimeoutMs = 1_500, bool keepRecentRequests = false) => new()
    {
        Brokers = 1,
        AutoCreateTopics = false,
        ConsumerGroupMinHeartbeatIntervalMs = 100,
        ConsumerGroupHeartbeatIntervalMs = 100,
        ConsumerGroupMinSessionTimeoutMs = 1_000,
        ConsumerGroupSessionTimeoutMs = sessionTimeoutMs,
        KeepRecentRequests = keepRecentRequests,
    };

    [SetUp]
    public async Task StartClusterAsync() => Cluster = await EmbeddedKafkaCluster.StartAsync(ClusterOptions);

    [TearDown]
    public async Task StopClusterAsync() => await Cluster.DisposeAsync();

    protected ConsumerOptions ConsumerOptions(string? groupId = null, Action<ConsumerOptions>? configure = null)
    {
        var options = new ConsumerOptions
        {
            BootstrapServers = Cluster.BootstrapServers,
            GroupId = groupId,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchMaxWaitMs = 50,
            SessionTimeoutMs = 6_000,
            HeartbeatIntervalMs = 200,
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Produces "v0".."v{count-1}" with keys "k{i}" to the partitions round-robin and returns when all are acknowledged.</summary>
    protected async Task ProduceAsync(string topic, int count, int partitions, int start = 0)
    {
        await using var producer = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = Cluster.BootstrapServers, LingerMs = 2 });
        var sends = new List<ValueTask<DeliveryResult<string, string>>>();
        for (int i = start; i < start + count; i++)
        {
            sends.Add(producer.ProduceAsync(new TopicPartition(topic, i % partitions), new Message<string, string> { Key = $"k{i}", Value = $"v{i}" }));
        }

        foreach (var send in sends)
        {
            await send;
        }
    }

    /// <summary>Consumes until <paramref name="count"/> records arrived, failing after <paramref name="seconds"/>.</summary>
    protected static async Task<List<ConsumeResult<TKey, TValue>>> ConsumeAsync<TKey, TValue>(KafkaConsumer<TKey, TValue> consumer, int count, int seconds = 20)
    {
        var results = new List<ConsumeResult<TKey, TValue>>();
        if (count == 0)
        {
            return results;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            await foreach (ConsumeResult<TKey, TValue> record in consumer.ConsumeAsync(timeout.Token))
            {
                results.Add(record);
                if (results.Count == count)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail($"Only {results.Count} of {count} records arrived within {seconds} s.");
        }

        return results;
    }
}
