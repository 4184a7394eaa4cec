using Kafka.Client.Protocol;
using Kafka.Client.Testing;
using Kafka.Client.Tests.Producing;

namespace Kafka.Client.Tests.Cluster;

/// <summary>
/// The connection and cluster layer seen through the producer: bootstrap from a list, a timeout per request,
/// metadata refreshed on metadata.max.age.ms and when a leader moves.
/// </summary>
public class ConnectionLayerTests : ProducerTestBase
{
    protected override EmbeddedKafkaClusterOptions ClusterOptions => new() { Brokers = 3, AutoCreateTopics = false };

    [SetUp]
    public async Task CreateTopicAsync()
    {
        await Cluster.CreateTopicAsync("layer", replicationFactor: 3);
    }

    [Test]
    public async Task Bootstrap_goes_on_to_the_next_server_when_the_first_refuses()
    {
        string servers = $"{RefusedAddress.Next()},{RefusedAddress.Next()},{Cluster.BootstrapServers}";
        await using var producer = new KafkaProducer<Null, string>(new ProducerOptions { BootstrapServers = servers, ReconnectBackoffMs = 10 });
        DeliveryResult<Null, string> result = await producer.ProduceAsync("layer", new Message<Null, string> { Value = "x" }).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.That(result.Offset, Is.Zero);
    }

    [Test]
    public async Task A_request_with_no_answer_within_request_timeout_ms_is_retried_and_the_message_is_written_once()
    {
        await using var producer = new KafkaProducer<Null, string>(new ProducerOptions
        {
            BootstrapServers = Cluster.BootstrapServers,
            LingerMs = 0,
            RequestTimeoutMs = 300,
            DeliveryTimeoutMs = 20_000,
            RetryBackoffMs = 10,
        });
        await producer.ProduceAsync("layer", new Message<Null, string> { Value = "first" });
        Cluster.DelayResponses(ApiKey.Produce, TimeSpan.FromSeconds(1));
        var send = producer.ProduceAsync("layer", new Message<Null, string> { Value = "late" }).AsTask();
        await Task.Delay(700);
        Assert.That(send.IsCompleted, Is.False, "the answer is still delayed");
        Cluster.DelayResponses(ApiKey.Produce, TimeSpan.Zero);

        DeliveryResult<Null, string> result = await send.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.That(result.Offset, Is.EqualTo(1));
        Assert.That(PartitionLog.Values(Cluster, "layer", 0), Is.EqualTo(new[] { "first", "late" }), "the timed-out attempt and its retry left one copy (idempotence)");
    }

    [Test]
    public async Task Metadata_is_refreshed_after_metadata_max_age_ms_so_new_partitions_are_seen()
    {
        ProducerOptions Options(long maxAge) => new() { BootstrapServers = Cluster.BootstrapServers, MetadataMaxAgeMs = maxAge, MaxBlockMs = 2_000 };
        await using var stale = new KafkaProducer<Null, string>(Options(300_000));
        await using var fresh = new KafkaProducer<Null, string>(Options(200));
        await stale.ProduceAsync("layer", new Message<Null, string> { Value = "s" });
        await fresh.ProduceAsync("layer", new Message<Null, string> { Value = "f" });

        await using (var admin = new KafkaAdminClient(new AdminClientOptions { BootstrapServers = Cluster.BootstrapServers }))
        {
            await admin.CreatePartitionsAsync([new PartitionsSpecification { Topic = "layer", IncreaseTo = 3 }]);
        }

        await Task.Delay(1_000);
        DeliveryResult<Null, string> result = await fresh.ProduceAsync(new TopicPartition("layer", 2), new Message<Null, string> { Value = "new" });
        Assert.That(result.Partition, Is.EqualTo(2), "the producer with a short metadata.max.age.ms knows partition 2");
        Assert.CatchAsync<KafkaException>(async () => await stale.ProduceAsync(new TopicPartition("layer", 2), new Message<Null, string> { Value = "old" }),
            "the producer with the default age still has the old metadata");
    }

    [Test]
    public async Task A_moved_leader_answers_not_leader_and_the_producer_follows_it_after_a_refresh()
    {
        await using var producer = new KafkaProducer<Null, string>(new ProducerOptions { BootstrapServers = Cluster.BootstrapServers, LingerMs = 0, RetryBackoffMs = 10 });
        await producer.ProduceAsync("layer", new Message<Null, string> { Value = "before" });
        EmbeddedPartitionInfo info = Cluster.DescribePartition("layer", 0);
        int next = info.Isr.First(b => b != info.Leader);
        await Cluster.MoveLeaderAsync("layer", 0, next);

        DeliveryResult<Null, string> result = await producer.ProduceAsync("layer", new Message<Null, string> { Value = "after" }).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.That(result.Offset, Is.EqualTo(1));
        Assert.That(Cluster.DescribePartition("layer", 0).Leader, Is.EqualTo(next));
        Assert.That(PartitionLog.Values(Cluster, "layer", 0), Is.EqualTo(new[] { "before", "after" }));
    }
}
