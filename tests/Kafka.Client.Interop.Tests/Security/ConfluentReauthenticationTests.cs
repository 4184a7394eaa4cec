using Confluent.Kafka;
using Kafka.Client.Testing;

namespace Interop.Tests.Security;

/// <summary>
/// KIP-368 against a client nobody here wrote: librdkafka re-authenticates before our broker's SASL session ends
/// (connections.max.reauth.ms), so its produce goes on across several session lifetimes without a reconnect.
/// </summary>
public class ConfluentReauthenticationTests
{
    [Test]
    public async Task Librdkafka_re_authenticates_before_the_session_ends()
    {
        var options = new EmbeddedKafkaClusterOptions { Brokers = 1, ConnectionsMaxReauthMs = 1_500, KeepRecentRequests = true };
        options.Listeners.Add("SASL_PLAINTEXT://127.0.0.1:0");
        options.SaslUsers["alice"] = "alice-secret";
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(options);
        await cluster.CreateTopicAsync("confluent-reauth", partitions: 1, replicationFactor: 1);
        var config = new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers, SecurityProtocol = SecurityProtocol.SaslPlaintext, SaslMechanism = SaslMechanism.ScramSha256,
            SaslUsername = "alice", SaslPassword = "alice-secret", LingerMs = 0,
        };
        using var producer = new ProducerBuilder<Null, string>(config).Build();
        var until = DateTime.UtcNow.AddSeconds(5);
        int sent = 0;
        while (DateTime.UtcNow < until)
        {
            DeliveryResult<Null, string> delivered = await producer.ProduceAsync("confluent-reauth", new Message<Null, string> { Value = $"v{sent++}" });
            Assert.That(delivered.Status, Is.EqualTo(PersistenceStatus.Persisted));
            await Task.Delay(50);
        }

        Assert.That(cluster.DescribePartition("confluent-reauth", 0).HighWatermark, Is.EqualTo(sent));
        Assert.That(cluster.RecentRequests<Kafka.Client.Protocol.Messages.SaslHandshakeRequest>().Count, Is.GreaterThanOrEqualTo(4), "re-authentications");
        Assert.That(cluster.RecentRequests<Kafka.Client.Protocol.Messages.ApiVersionsRequest>().Count, Is.LessThanOrEqualTo(3), "no reconnection");
    }
}
