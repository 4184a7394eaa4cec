using Kafka.Client.Protocol;
using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Producing;

/// <summary>A broker too old for what the producer needs gives a clear error naming the API, not a hang.</summary>
public class ProducerOlderBrokerTests
{
    private static async Task<EmbeddedKafkaCluster> StartAsync(ApiKey api, short maxVersion)
    {
        var options = new EmbeddedKafkaClusterOptions { AutoCreateTopics = false };
        options.MaxApiVersions[api] = maxVersion;
        EmbeddedKafkaCluster cluster = await EmbeddedKafkaCluster.StartAsync(options);
        await cluster.CreateTopicAsync("t");
        return cluster;
    }

    [Test]
    public async Task Idempotence_against_a_broker_without_InitProducerId_fails_naming_the_api_and_works_when_turned_off()
    {
        await using EmbeddedKafkaCluster cluster = await StartAsync(ApiKey.InitProducerId, -1);
        await using (var producer = new KafkaProducer<Null, string>(new ProducerOptions { BootstrapServers = cluster.BootstrapServers, MaxBlockMs = 5_000, DeliveryTimeoutMs = 5_000, RequestTimeoutMs = 2_000 }))
        {
            var error = Assert.CatchAsync<KafkaException>(async () => await producer.ProduceAsync("t", new Message<Null, string> { Value = "x" }).AsTask().WaitAsync(TimeSpan.FromSeconds(30)))!;
            Assert.That(error.Error, Is.EqualTo(ErrorCode.UnsupportedVersion), error.ToString());
            Assert.That(error.Message, Does.Contain("InitProducerId").And.Contain("too old"));
        }

        await using var plain = new KafkaProducer<Null, string>(new ProducerOptions { BootstrapServers = cluster.BootstrapServers, EnableIdempotence = false });
        DeliveryResult<Null, string> delivered = await plain.ProduceAsync("t", new Message<Null, string> { Value = "y" });
        Assert.That(delivered.Offset, Is.Zero);
    }

    [Test]
    public async Task A_broker_that_does_not_serve_produce_fails_the_send_naming_produce()
    {
        await using EmbeddedKafkaCluster cluster = await StartAsync(ApiKey.Produce, -1);
        await using var producer = new KafkaProducer<Null, string>(new ProducerOptions { BootstrapServers = cluster.BootstrapServers, EnableIdempotence = false, DeliveryTimeoutMs = 5_000, RequestTimeoutMs = 2_000 });
        var error = Assert.CatchAsync<KafkaException>(async () => await producer.ProduceAsync("t", new Message<Null, string> { Value = "x" }).AsTask().WaitAsync(TimeSpan.FromSeconds(30)))!;
        Assert.That(error.Error, Is.EqualTo(ErrorCode.UnsupportedVersion), error.ToString());
        Assert.That(error.Message, Does.Contain("Produce").And.Contain("too old"));
    }
}
