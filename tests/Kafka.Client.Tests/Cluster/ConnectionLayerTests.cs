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
        ProducerOptions Options(long maxAge) => new() { BootstrapServers = Cluster.BootstrapServers, MetadataMaxAgeMs = maxAge };
        await using var stale = new KafkaProducer<string, string>(Options(300_000));
        await using var fresh = new KafkaProducer<string, string>(Options(200));
        await stale.ProduceAsync("layer", new Message<string, string> { Key = "warm", Value = "s" });
        await fresh.ProduceAsync("layer", new Message<string, string> { Key = "warm", Value = "f" });

        await using (var admin = new KafkaAdminClient(new AdminClientOptions { BootstrapServers = Cluster.BootstrapServers }))
        {
            await admin.CreatePartitionsAsync([new PartitionsSpecification { Topic = "layer", IncreaseTo = 3 }]);
        }

        // A key that murmur2 puts on partition 2 of 3 (and, of 1, on partition 0).
        string key = Enumerable.Range(0, 1_000).Select(i => $"key-{i}").First(k => Murmur2.Partition(System.Text.Encoding.UTF8.GetBytes(k), 3) == 2);
        await Task.Delay(1_000);
        DeliveryResult<string, string> refreshed = await fresh.ProduceAsync("layer", new Message<string, string> { Key = key, Value = "new" });
        DeliveryResult<string, string> cached = await stale.ProduceAsync("layer", new Message<string, string> { Key = key, Value = "old" });
        Assert.That(refreshed.Partition, Is.EqualTo(2), "the producer with a short metadata.max.age.ms sees 3 partitions");
        Assert.That(cached.Partition, Is.Zero, "the producer with the default age still partitions over 1");
    }

    [Test]
    public async Task A_send_to_a_partition_not_yet_in_metadata_refreshes_it_and_one_that_does_not_exist_fails_without_holding_up_others()
    {
        await using var producer = new KafkaProducer<Null, string>(new ProducerOptions { BootstrapServers = Cluster.BootstrapServers, MaxBlockMs = 30_000 });
        await producer.ProduceAsync("layer", new Message<Null, string> { Value = "warm" });
        await using (var admin = new KafkaAdminClient(new AdminClientOptions { BootstrapServers = Cluster.BootstrapServers }))
        {
            await admin.CreatePartitionsAsync([new PartitionsSpecification { Topic = "layer", IncreaseTo = 2 }]);
        }

        DeliveryResult<Null, string> added = await producer.ProduceAsync(new TopicPartition("layer", 1), new Message<Null, string> { Value = "added" });
        Assert.That(added.Partition, Is.EqualTo(1), "as the Java client, the producer refreshed metadata instead of refusing the partition");

        var missing = producer.ProduceAsync(new TopicPartition("layer", 5), new Message<Null, string> { Value = "never" }).AsTask();
        var behind = producer.ProduceAsync(new TopicPartition("layer", 0), new Message<Null, string> { Value = "behind" }).AsTask();
        var error = Assert.ThrowsAsync<KafkaException>(async () => await missing.WaitAsync(TimeSpan.FromSeconds(10)), "fails with fresh metadata, not after max.block.ms")!;
        Assert.That(error.Message, Does.Contain("Partition 5 of topic 'layer' does not exist: the topic has 2 partitions"));
        Assert.That((await behind.WaitAsync(TimeSpan.FromSeconds(10))).Partition, Is.Zero, "the send queued behind it went on");
        var reported = new TaskCompletionSource<KafkaException?>();
        producer.Produce(new TopicPartition("layer", 5), new Message<Null, string> { Value = "never" }, r => reported.TrySetResult(r.Error));
        Assert.That((await reported.Task.WaitAsync(TimeSpan.FromSeconds(10)))?.Message, Does.Contain("does not exist"));
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

    [Test]
    public async Task Metadata_from_a_broker_that_is_behind_does_not_undo_a_newer_leader()
    {
        await using var producer = new KafkaProducer<Null, string>(new ProducerOptions
        {
            BootstrapServers = Cluster.BootstrapServers,
            MetadataMaxAgeMs = 100,
            LingerMs = 0,
            DeliveryTimeoutMs = 5_000,
            RequestTimeoutMs = 1_000,
            RetryBackoffMs = 20,
        });
        await producer.ProduceAsync("layer", new Message<Null, string> { Value = "at the first leader" });
        EmbeddedMetadataSnapshot before = Cluster.TakeMetadataSnapshot();
        EmbeddedPartitionInfo info = Cluster.DescribePartition("layer", 0);
        await Cluster.MoveLeaderAsync("layer", 0, info.Isr.First(b => b != info.Leader));
        await producer.ProduceAsync("layer", new Message<Null, string> { Value = "at the new leader" });

        // Every broker now answers Metadata with the old leader and its older epoch; the producer refreshes many times.
        Cluster.ServeStaleMetadata(before);
        await Task.Delay(500);
        DeliveryResult<Null, string> result = await producer.ProduceAsync("layer", new Message<Null, string> { Value = "still at the new leader" });
        Assert.That(result.Offset, Is.EqualTo(2), "KIP-320: the older leader epoch was ignored, so the producer kept writing to the real leader");
    }
}
