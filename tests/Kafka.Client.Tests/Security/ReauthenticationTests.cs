using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Security;

/// <summary>
/// KIP-368: the broker ends SASL sessions after connections.max.reauth.ms (and closes a connection that sends a request
/// after that); our clients re-authenticate on the same connection before, with no failed request and no reconnect.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class ReauthenticationTests
{
    private const long SessionMs = 1_500;

    private static async Task<EmbeddedKafkaCluster> StartAsync(string mechanism)
    {
        var options = new EmbeddedKafkaClusterOptions { Brokers = 1, ConnectionsMaxReauthMs = SessionMs, KeepRecentRequests = true };
        options.Listeners.Add("SASL_PLAINTEXT://127.0.0.1:0");
        options.SaslUsers["alice"] = "alice-secret";
        options.SaslEnabledMechanisms.Add("OAUTHBEARER");
        return await EmbeddedKafkaCluster.StartAsync(options);
    }

    [TestCase(SaslMechanism.ScramSha512)]
    [TestCase(SaslMechanism.Plain)]
    public async Task A_producer_keeps_producing_across_several_session_lifetimes(SaslMechanism mechanism)
    {
        await using EmbeddedKafkaCluster cluster = await StartAsync(mechanism.ToString());
        await cluster.CreateTopicAsync("reauth", partitions: 1, replicationFactor: 1);
        var options = new ProducerOptions
        {
            BootstrapServers = cluster.BootstrapServers, SecurityProtocol = SecurityProtocol.SaslPlaintext, SaslMechanism = mechanism,
            SaslUsername = "alice", SaslPassword = "alice-secret", LingerMs = 0,
        };
        await using var producer = new KafkaProducer<string, string>(options);
        var until = DateTime.UtcNow.AddMilliseconds(SessionMs * 3.5);
        int sent = 0;
        while (DateTime.UtcNow < until)
        {
            await producer.ProduceAsync("reauth", new Message<string, string> { Key = "k", Value = $"v{sent++}" });
            await Task.Delay(50);
        }

        Assert.That(cluster.DescribePartition("reauth", 0).HighWatermark, Is.EqualTo(sent), "every record was delivered");
        int handshakes = cluster.RecentRequests<SaslHandshakeRequest>().Count;
        Assert.That(handshakes, Is.GreaterThanOrEqualTo(4), "the first authentication of each connection, then at least one re-authentication per session lifetime");
        Assert.That(cluster.RecentRequests<ApiVersionsRequest>().Count, Is.LessThanOrEqualTo(2), "no reconnection: a new connection starts with ApiVersions, a re-authentication does not");
    }

    [Test]
    public async Task An_oauthbearer_client_gets_a_fresh_token_for_each_re_authentication()
    {
        await using EmbeddedKafkaCluster cluster = await StartAsync("OAUTHBEARER");
        int tokens = 0;
        var options = new AdminClientOptions
        {
            BootstrapServers = cluster.BootstrapServers, SecurityProtocol = SecurityProtocol.SaslPlaintext, SaslMechanism = SaslMechanism.OAuthBearer,
            SaslOAuthBearerTokenProvider = _ =>
            {
                // A short-lived token: each re-authentication (at 85-95% of the 1.5 s session) finds it past 80% of its life.
                Interlocked.Increment(ref tokens);
                var now = DateTimeOffset.UtcNow;
                string payload = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{{\"sub\":\"alice\",\"exp\":{now.AddSeconds(3).ToUnixTimeSeconds()}}}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
                return ValueTask.FromResult(new OAuthBearerToken("eyJhbGciOiJub25lIn0." + payload + ".", now.AddSeconds(1.5), "alice"));
            },
        };
        await using var admin = new KafkaAdminClient(options);
        var until = DateTime.UtcNow.AddMilliseconds(SessionMs * 3.5);
        while (DateTime.UtcNow < until)
        {
            await admin.ListTopicsAsync();
            await Task.Delay(100);
        }

        Assert.That(tokens, Is.GreaterThanOrEqualTo(3), "a token for the first authentication and new ones for the re-authentications");
        Assert.That(cluster.RecentRequests<ApiVersionsRequest>().Count, Is.LessThanOrEqualTo(2), "no reconnection");
    }
}
