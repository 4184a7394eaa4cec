using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Producing;

/// <summary>acks=0 (no answer, offset unknown), acks=1 and acks=all against the embedded cluster.</summary>
public class ProducerAcksTests : ProducerTestBase
{
    protected override EmbeddedKafkaClusterOptions ClusterOptions => new() { Brokers = 3, AutoCreateTopics = false };

    [SetUp]
    public async Task CreateTopicAsync()
    {
        await Cluster.CreateTopicAsync("acks", replicationFactor: 3);
    }

    [Test]
    public async Task With_acks_0_messages_are_written_without_an_answer_and_reported_possibly_persisted_with_no_offset()
    {
        await using var producer = new KafkaProducer<Null, string>(new ProducerOptions { BootstrapServers = Cluster.BootstrapServers, Acks = Acks.None, LingerMs = 5 });
        var sends = Enumerable.Range(0, 20).Select(i => producer.ProduceAsync("acks", new Message<Null, string> { Value = $"a{i}" })).ToList();
        foreach (var send in sends)
        {
            DeliveryResult<Null, string> result = await send;
            Assert.That(result.Offset, Is.EqualTo(-1), "acks=0: the broker does not say where the message went");
            Assert.That(result.Status, Is.EqualTo(PersistenceStatus.PossiblyPersisted));
        }

        // Nothing answers acks=0 requests: wait until the broker has appended them.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Cluster.DescribePartition("acks", 0).HighWatermark < 20 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.That(PartitionLog.Values(Cluster, "acks", 0), Is.EqualTo(Enumerable.Range(0, 20).Select(i => $"a{i}")));
    }

    [TestCase(Acks.Leader)]
    [TestCase(Acks.All)]
    public async Task With_acks_1_and_all_each_message_gets_its_offset(Acks acks)
    {
        await using var producer = new KafkaProducer<Null, string>(new ProducerOptions { BootstrapServers = Cluster.BootstrapServers, Acks = acks, LingerMs = 5 });
        var sends = Enumerable.Range(0, 20).Select(i => producer.ProduceAsync("acks", new Message<Null, string> { Value = $"b{i}" })).ToList();
        for (int i = 0; i < sends.Count; i++)
        {
            DeliveryResult<Null, string> result = await sends[i];
            Assert.That(result.Offset, Is.EqualTo(i));
            Assert.That(result.Status, Is.EqualTo(PersistenceStatus.Persisted));
        }

        Assert.That(Cluster.DescribePartition("acks", 0).HighWatermark, Is.EqualTo(20));
    }
}
