using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests;

/// <summary>Starts a fresh 3-broker cluster per test and offers small request helpers.</summary>
public abstract class BrokerTestBase
{
    protected EmbeddedKafkaCluster Cluster { get; private set; } = null!;

    protected virtual EmbeddedKafkaClusterOptions Options => new() { Brokers = 3 };

    [SetUp]
    public async Task StartClusterAsync() => Cluster = await EmbeddedKafkaCluster.StartAsync(Options);

    [TearDown]
    public async Task StopClusterAsync() => await Cluster.DisposeAsync();

    protected static string NewTopic() => "t-" + Guid.NewGuid().ToString("N")[..12];

    protected Task<RawConnection> ConnectToLeaderAsync(string topic, int partition) =>
        RawConnection.ConnectAsync(Cluster, Cluster.DescribePartition(topic, partition).Leader);

    protected static ProduceRequest Produce(string topic, int partition, byte[] batch, short acks = -1) => new()
    {
        Acks = acks,
        TimeoutMs = 10_000,
        TopicData =
        [
            new ProduceRequest.TopicProduceData
            {
                Name = topic,
                PartitionData = [new ProduceRequest.PartitionProduceData { Index = partition, Records = batch }],
            },
        ],
    };

    protected static FetchRequest Fetch(string topic, int partition, long offset, int maxWaitMs = 0, int minBytes = 1) => new()
    {
        ReplicaId = -1,
        MaxWaitMs = maxWaitMs,
        MinBytes = minBytes,
        MaxBytes = 50 * 1024 * 1024,
        SessionEpoch = -1,
        Topics =
        [
            new FetchRequest.FetchTopic
            {
                Topic = topic,
                Partitions = [new FetchRequest.FetchPartition { Partition = partition, FetchOffset = offset, PartitionMaxBytes = 1024 * 1024 }],
            },
        ],
    };

    protected static ProduceResponse.PartitionProduceResponse Single(ProduceResponse response) => response.Responses[0].PartitionResponses[0];

    protected static FetchResponse.PartitionData Single(FetchResponse response) => response.Responses[0].Partitions[0];

    protected static ErrorCode Error(short code) => (ErrorCode)code;
}
