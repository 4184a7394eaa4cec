using System.Collections.Concurrent;
using System.Text;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Interop.Tests.Security;

/// <summary>
/// Confluent.Kafka (librdkafka, OpenSSL, its own SASL code) against our broker's TLS and SASL listeners: what it
/// produces it consumes back, and its wrong-password and missing-certificate attempts fail as librdkafka reports them.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class ConfluentSecurityTests
{
    private SecureCluster _secure = null!;

    [OneTimeSetUp]
    public async Task Start() => _secure = await SecureCluster.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _secure.DisposeAsync();

    private ClientConfig SaslSsl(SaslMechanism mechanism, string password = SecureCluster.Password) => new()
    {
        BootstrapServers = _secure.SaslSsl,
        SecurityProtocol = SecurityProtocol.SaslSsl,
        SaslMechanism = mechanism,
        SaslUsername = SecureCluster.User,
        SaslPassword = password,
        SslCaLocation = _secure.CaFile,
    };

    private ClientConfig Ssl(bool withCertificate) => new()
    {
        BootstrapServers = _secure.Ssl,
        SecurityProtocol = SecurityProtocol.Ssl,
        SslCaPem = File.ReadAllText(_secure.CaFile),
        SslCertificatePem = withCertificate ? _secure.CertificatePem : null,
        SslKeyPem = withCertificate ? _secure.KeyPem : null,
    };

    [TestCase(SaslMechanism.ScramSha512)]
    [TestCase(SaslMechanism.ScramSha256)]
    [TestCase(SaslMechanism.Plain)]
    public async Task Produces_and_consumes_over_sasl_ssl(SaslMechanism mechanism)
    {
        string topic = "confluent-sasl-" + mechanism.ToString().ToLowerInvariant();
        await _secure.Cluster.CreateTopicAsync(topic, partitions: 2, replicationFactor: 2);
        await ProduceAndConsumeAsync(SaslSsl(mechanism), topic);
    }

    [Test]
    public async Task Produces_and_consumes_over_ssl_with_a_client_certificate()
    {
        await _secure.Cluster.CreateTopicAsync("confluent-mtls", partitions: 2, replicationFactor: 2);
        await ProduceAndConsumeAsync(Ssl(withCertificate: true), "confluent-mtls");
    }

    [Test]
    public async Task Produces_and_consumes_over_sasl_ssl_with_an_unsecured_oauthbearer_token()
    {
        await _secure.Cluster.CreateTopicAsync("confluent-oauth", partitions: 2, replicationFactor: 2);
        ClientConfig config = SaslSsl(SaslMechanism.OAuthBearer);
        config.SaslUsername = null;
        config.SaslPassword = null;
        config.Set("enable.sasl.oauthbearer.unsecure.jwt", "true");
        config.SaslOauthbearerConfig = "principal=alice";
        await ProduceAndConsumeAsync(config, "confluent-oauth");
    }

    [Test]
    public void A_token_the_broker_refuses_is_reported_as_an_authentication_error()
    {
        var errors = new ConcurrentQueue<Error>();
        var config = new AdminClientConfig(SaslSsl(SaslMechanism.OAuthBearer)) { SaslUsername = null, SaslPassword = null };
        using var admin = new AdminClientBuilder(config)
            .SetOAuthBearerTokenRefreshHandler((client, _) => client.OAuthBearerSetToken("not-a-jwt", DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds(), "mallory"))
            .SetErrorHandler((_, e) => errors.Enqueue(e))
            .Build();
        Assert.Throws<KafkaException>(() => admin.GetMetadata(TimeSpan.FromSeconds(3)));
        Assert.That(errors.Select(e => e.Code), Does.Contain(ErrorCode.Local_Authentication), string.Join("; ", errors.Select(e => e.Reason)));
    }

    [TestCase(SaslMechanism.ScramSha512)]
    [TestCase(SaslMechanism.Plain)]
    public void A_wrong_password_is_reported_as_an_authentication_error_and_nothing_is_delivered(SaslMechanism mechanism)
    {
        var errors = new ConcurrentQueue<Error>();
        var config = new ProducerConfig(SaslSsl(mechanism, password: "wrong")) { MessageTimeoutMs = 3_000 };
        using var producer = new ProducerBuilder<Null, string>(config).SetErrorHandler((_, e) => errors.Enqueue(e)).Build();
        var failure = Assert.ThrowsAsync<ProduceException<Null, string>>(() => producer.ProduceAsync("confluent-denied", new Message<Null, string> { Value = "x" }));
        Assert.That(failure!.Error.Code, Is.EqualTo(ErrorCode.Local_MsgTimedOut), failure.Error.Reason);
        Assert.That(errors.Select(e => e.Code), Does.Contain(ErrorCode.Local_Authentication), string.Join("; ", errors.Select(e => e.Reason)));
        Assert.That(errors.First(e => e.Code == ErrorCode.Local_Authentication).Reason, Does.Contain("Authentication failed").IgnoreCase);
    }

    [Test]
    public void Without_a_client_certificate_the_ssl_listener_refuses_the_handshake()
    {
        var errors = new ConcurrentQueue<Error>();
        var config = new AdminClientConfig(Ssl(withCertificate: false));
        using var admin = new AdminClientBuilder(config).SetErrorHandler((_, e) => errors.Enqueue(e)).Build();
        Assert.Throws<KafkaException>(() => admin.GetMetadata(TimeSpan.FromSeconds(3)));
        Assert.That(errors.Select(e => e.Code), Does.Contain(ErrorCode.Local_Ssl).Or.Contain(ErrorCode.Local_AllBrokersDown), string.Join("; ", errors.Select(e => e.Reason)));
    }

    [Test]
    public async Task A_scram_user_created_by_confluent_admin_logs_in_with_our_client_and_librdkafka()
    {
        using (var admin = new AdminClientBuilder(new AdminClientConfig(SaslSsl(SaslMechanism.ScramSha512))).Build())
        {
            await admin.AlterUserScramCredentialsAsync(
            [
                new UserScramCredentialUpsertion
                {
                    User = "frank",
                    ScramCredentialInfo = new ScramCredentialInfo { Mechanism = ScramMechanism.ScramSha256, Iterations = 8192 },
                    Password = Encoding.UTF8.GetBytes("frank-pass"),
                },
            ]);
            DescribeUserScramCredentialsResult described = await admin.DescribeUserScramCredentialsAsync(["frank"]);
            ScramCredentialInfo info = described.UserScramCredentialsDescriptions.Single().ScramCredentialInfos.Single();
            Assert.That((info.Mechanism, info.Iterations), Is.EqualTo((ScramMechanism.ScramSha256, 8192)));
        }

        await using (var ours = new Kafka.Client.KafkaAdminClient(new Kafka.Client.AdminClientOptions
        {
            BootstrapServers = _secure.SaslSsl, SecurityProtocol = Kafka.Client.SecurityProtocol.SaslSsl, SslCaLocation = _secure.CaFile,
            SaslMechanism = Kafka.Client.SaslMechanism.ScramSha256, SaslUsername = "frank", SaslPassword = "frank-pass",
        }))
        {
            await ours.ListTopicsAsync();
        }

        ClientConfig frank = SaslSsl(SaslMechanism.ScramSha256);
        frank.SaslUsername = "frank";
        frank.SaslPassword = "frank-pass";
        using var librdkafka = new AdminClientBuilder(new AdminClientConfig(frank)).Build();
        Assert.That(librdkafka.GetMetadata(TimeSpan.FromSeconds(10)).Brokers, Has.Count.EqualTo(2));
    }

    private static async Task ProduceAndConsumeAsync(ClientConfig common, string topic)
    {
        const int Messages = 200;
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig(common) { Acks = Acks.All, EnableIdempotence = true }).Build())
        {
            for (int i = 0; i < Messages; i++)
            {
                DeliveryResult<string, string> delivered = await producer.ProduceAsync(topic, new Message<string, string> { Key = $"k{i % 7}", Value = $"v{i}" });
                Assert.That(delivered.Status, Is.EqualTo(PersistenceStatus.Persisted));
            }
        }

        var consumerConfig = new ConsumerConfig(common) { GroupId = topic + "-group", AutoOffsetReset = AutoOffsetReset.Earliest, EnableAutoCommit = false };
        using var consumer = new ConsumerBuilder<string, string>(consumerConfig).Build();
        consumer.Subscribe(topic);
        var values = new HashSet<string>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (values.Count < Messages && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { IsPartitionEOF: false } result)
            {
                values.Add(result.Message.Value);
            }
        }

        consumer.Commit();
        consumer.Close();
        Assert.That(values, Is.EquivalentTo(Enumerable.Range(0, Messages).Select(i => $"v{i}")));
    }
}
