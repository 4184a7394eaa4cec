using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Consuming;

/// <summary>The consumer's fetch options reach the Fetch requests the broker receives.</summary>
public class FetchSettingsTests : ConsumerTestBase
{
    protected override EmbeddedKafkaClusterOptions ClusterOptions => new() { AutoCreateTopics = false, KeepRecentRequests = true };

    [Test]
    public async Task Fetch_sizes_wait_and_isolation_level_are_sent_as_configured()
    {
        await Cluster.CreateTopicAsync("fetched", partitions: 2, replicationFactor: 1);
        await ProduceAsync("fetched", 10, 2);
        await using var consumer = new KafkaConsumer<string, string>(ConsumerOptions(configure: o =>
        {
            o.FetchMinBytes = 7;
            o.FetchMaxWaitMs = 123;
            o.FetchMaxBytes = 3_000_000;
            o.MaxPartitionFetchBytes = 77_000;
            o.IsolationLevel = IsolationLevel.ReadCommitted;
        }));
        consumer.Assign([new TopicPartition("fetched", 0), new TopicPartition("fetched", 1)]);
        await ConsumeAsync(consumer, 10);

        IReadOnlyList<(FetchRequest Request, short Version)> fetches = Cluster.RecentRequests<FetchRequest>();
        Assert.That(fetches, Is.Not.Empty);
        foreach ((FetchRequest request, _) in fetches)
        {
            Assert.That((request.MinBytes, request.MaxWaitMs, request.MaxBytes, request.IsolationLevel), Is.EqualTo((7, 123, 3_000_000, (sbyte)1)));
        }

        FetchRequest.FetchPartition[] partitions = [.. fetches.SelectMany(f => f.Request.Topics).SelectMany(t => t.Partitions)];
        Assert.That(partitions, Is.Not.Empty);
        Assert.That(partitions.Select(p => p.PartitionMaxBytes), Is.All.EqualTo(77_000));
        Assert.That(fetches.Select(f => f.Request.SessionEpoch), Has.Some.GreaterThan(0), "an incremental fetch session (KIP-227) is in use");
    }

    [Test]
    public async Task With_responses_too_small_for_every_partition_the_session_serves_each_partition_in_turn()
    {
        await Cluster.CreateTopicAsync("fair", partitions: 3, replicationFactor: 1);
        await using (var producer = new KafkaProducer<Null, string>(new ProducerOptions { BootstrapServers = Cluster.BootstrapServers, LingerMs = 1, BatchSize = 2_000 }))
        {
            var sends = new List<ValueTask<DeliveryResult<Null, string>>>();
            for (int i = 0; i < 3_000; i++)
            {
                sends.Add(producer.ProduceAsync(new TopicPartition("fair", i % 3), new Message<Null, string> { Value = $"record-{i:D6}" }));
            }

            foreach (var send in sends)
            {
                await send;
            }
        }

        // fetch.max.bytes of 1: each response carries one batch (of one partition).
        await using var consumer = new KafkaConsumer<Null, string>(ConsumerOptions(configure: o => o.FetchMaxBytes = 1));
        consumer.Assign(Enumerable.Range(0, 3).Select(p => new TopicPartition("fair", p)));
        List<ConsumeResult<Null, string>> first = await ConsumeAsync(consumer, 600);
        Assert.That(first.Select(r => r.Partition).Distinct().Order(), Is.EqualTo(new[] { 0, 1, 2 }),
            "KIP-227: a partition that returned data goes to the end of the session, so no partition waits for another to drain");
    }
}
