using System.Diagnostics;
using Kafka.Client.Protocol;
using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Security;

/// <summary>
/// Our producer, consumer and admin client over real TLS and real SASL exchanges with the embedded cluster, one
/// listener per security protocol; and the errors of wrong settings, each within the connect timeout.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class SecureClusterTests
{
    private const string User = "alice";
    private const string Password = "alice-secret";
    private EmbeddedKafkaCluster _cluster = null!;

    [OneTimeSetUp]
    public async Task StartCluster()
    {
        var options = new EmbeddedKafkaClusterOptions { Brokers = 2 };
        options.Listeners.Add("PLAINTEXT://127.0.0.1:0");
        options.Listeners.Add("SSL://127.0.0.1:0");
        options.Listeners.Add("SASL_PLAINTEXT://127.0.0.1:0");
        options.Listeners.Add("SASL_SSL://127.0.0.1:0");
        options.SaslUsers[User] = Password;
        _cluster = await EmbeddedKafkaCluster.StartAsync(options);
    }

    [OneTimeTearDown]
    public async Task StopCluster() => await _cluster.DisposeAsync();

    private T Secure<T>(T options, SecurityProtocol protocol, SaslMechanism mechanism = SaslMechanism.ScramSha512, string password = Password)
        where T : ClientOptions
    {
        options.BootstrapServers = _cluster.BootstrapServersFor(Name(protocol));
        options.SecurityProtocol = protocol;
        options.SocketConnectionSetupTimeoutMs = 5_000;
        if (protocol is SecurityProtocol.Ssl or SecurityProtocol.SaslSsl)
        {
            options.SslCaPem = _cluster.CertificateAuthorityPem;
        }

        if (protocol is SecurityProtocol.SaslPlaintext or SecurityProtocol.SaslSsl)
        {
            options.SaslMechanism = mechanism;
            options.SaslUsername = User;
            options.SaslPassword = password;
        }

        return options;
    }

    private static string Name(SecurityProtocol protocol) => protocol switch
    {
        SecurityProtocol.Ssl => "SSL",
        SecurityProtocol.SaslPlaintext => "SASL_PLAINTEXT",
        SecurityProtocol.SaslSsl => "SASL_SSL",
        _ => "PLAINTEXT",
    };

    [TestCase(SecurityProtocol.Plaintext, SaslMechanism.Plain)]
    [TestCase(SecurityProtocol.Ssl, SaslMechanism.Plain)]
    [TestCase(SecurityProtocol.SaslPlaintext, SaslMechanism.Plain)]
    [TestCase(SecurityProtocol.SaslPlaintext, SaslMechanism.ScramSha256)]
    [TestCase(SecurityProtocol.SaslSsl, SaslMechanism.Plain)]
    [TestCase(SecurityProtocol.SaslSsl, SaslMechanism.ScramSha256)]
    [TestCase(SecurityProtocol.SaslSsl, SaslMechanism.ScramSha512)]
    public async Task Producer_consumer_group_and_admin_work_over_the_listener(SecurityProtocol protocol, SaslMechanism mechanism)
    {
        string topic = $"secure-{protocol}-{mechanism}".ToLowerInvariant();
        await using var admin = new KafkaAdminClient(Secure(new AdminClientOptions(), protocol, mechanism));
        await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = 3, ReplicationFactor = 2 }]);
        Assert.That((await admin.ListTopicsAsync()).Select(t => t.Name), Does.Contain(topic));

        await using (var producer = new KafkaProducer<string, string>(Secure(new ProducerOptions(), protocol, mechanism)))
        {
            for (int i = 0; i < 30; i++)
            {
                await producer.ProduceAsync(topic, new Message<string, string> { Key = $"k{i}", Value = $"v{i}" });
            }
        }

        var consumerOptions = Secure(new ConsumerOptions { GroupId = topic + "-group", AutoOffsetReset = AutoOffsetReset.Earliest }, protocol, mechanism);
        await using var consumer = new KafkaConsumer<string, string>(consumerOptions);
        consumer.Subscribe(topic);
        var values = new HashSet<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (ConsumeResult<string, string> record in consumer.ConsumeAsync(timeout.Token))
        {
            values.Add(record.Message.Value);
            if (values.Count == 30)
            {
                break;
            }
        }

        await consumer.CommitAsync();
        Assert.That(values, Is.EquivalentTo(Enumerable.Range(0, 30).Select(i => $"v{i}")));
    }

    [TestCase(SecurityProtocol.SaslSsl, SaslMechanism.ScramSha512)]
    [TestCase(SecurityProtocol.SaslSsl, SaslMechanism.ScramSha256)]
    [TestCase(SecurityProtocol.SaslPlaintext, SaslMechanism.Plain)]
    public void A_wrong_password_fails_at_once_with_an_authentication_error_that_does_not_show_it(SecurityProtocol protocol, SaslMechanism mechanism)
    {
        var options = Secure(new AdminClientOptions { DefaultApiTimeoutMs = 20_000 }, protocol, mechanism, password: "not-the-password");
        var watch = Stopwatch.StartNew();
        var error = Assert.ThrowsAsync<KafkaAuthenticationException>(async () =>
        {
            await using var admin = new KafkaAdminClient(options);
            await admin.ListTopicsAsync();
        });
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "not retried until the api timeout");
        Assert.That(error!.Error, Is.EqualTo(ErrorCode.SaslAuthenticationFailed));
        Assert.That(error.IsRetriable, Is.False);
        Assert.That(error.ToString(), Does.Not.Contain("not-the-password"));
    }

    [Test]
    public void A_producer_with_a_wrong_password_fails_its_send_with_the_authentication_error()
    {
        var options = Secure(new ProducerOptions { DeliveryTimeoutMs = 20_000, RequestTimeoutMs = 10_000 }, SecurityProtocol.SaslSsl, password: "nope-nope");
        var watch = Stopwatch.StartNew();
        Assert.CatchAsync<KafkaException>(async () =>
        {
            await using var producer = new KafkaProducer<Null, string>(options);
            await producer.ProduceAsync("secure-denied", new Message<Null, string> { Value = "x" });
        }, "the send fails");
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
    }

    [Test]
    public void Without_the_cluster_CA_the_broker_certificate_is_refused_as_untrusted()
    {
        var options = Secure(new AdminClientOptions { DefaultApiTimeoutMs = 20_000 }, SecurityProtocol.Ssl);
        options.SslCaPem = null;
        var error = Assert.ThrowsAsync<KafkaAuthenticationException>(async () =>
        {
            await using var admin = new KafkaAdminClient(options);
            await admin.ListTopicsAsync();
        });
        Assert.That(error!.Message, Does.Contain("not signed by a trusted CA"));
    }

    [Test]
    public void Plaintext_to_a_TLS_listener_fails_with_an_error_that_names_the_security_protocol()
    {
        var options = new AdminClientOptions
        {
            BootstrapServers = _cluster.BootstrapServersFor("SSL"),
            SocketConnectionSetupTimeoutMs = 2_000,
            DefaultApiTimeoutMs = 6_000,
        };
        var watch = Stopwatch.StartNew();
        var error = Assert.CatchAsync<KafkaException>(async () =>
        {
            await using var admin = new KafkaAdminClient(options);
            await admin.ListTopicsAsync();
        });
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(12)));
        Assert.That(error!.ToString(), Does.Contain("security.protocol"));
    }

    [Test]
    public void TLS_to_a_plaintext_listener_fails_with_an_error_that_names_the_security_protocol()
    {
        var options = Secure(new AdminClientOptions { DefaultApiTimeoutMs = 6_000 }, SecurityProtocol.Ssl);
        options.BootstrapServers = _cluster.BootstrapServersFor("PLAINTEXT");
        options.SocketConnectionSetupTimeoutMs = 2_000;
        var watch = Stopwatch.StartNew();
        var error = Assert.CatchAsync<KafkaException>(async () =>
        {
            await using var admin = new KafkaAdminClient(options);
            await admin.ListTopicsAsync();
        });
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(12)));
        Assert.That(error!.ToString(), Does.Contain("TLS"));
    }

    [Test]
    public void A_SASL_client_on_a_listener_without_SASL_is_told_so()
    {
        var options = Secure(new AdminClientOptions { DefaultApiTimeoutMs = 6_000 }, SecurityProtocol.SaslPlaintext);
        options.BootstrapServers = _cluster.BootstrapServersFor("PLAINTEXT");
        var error = Assert.ThrowsAsync<KafkaAuthenticationException>(async () =>
        {
            await using var admin = new KafkaAdminClient(options);
            await admin.ListTopicsAsync();
        });
        Assert.That(error!.Message, Does.Contain("SASL"));
    }

    [Test]
    public async Task The_cluster_description_gives_the_addresses_of_the_listener_the_client_came_in_on()
    {
        await using var admin = new KafkaAdminClient(Secure(new AdminClientOptions(), SecurityProtocol.SaslSsl));
        ClusterDescription cluster = await admin.DescribeClusterAsync();
        string described = string.Join(",", cluster.Nodes.OrderBy(n => n.Id).Select(n => $"{n.Host}:{n.Port}"));
        Assert.That(described, Is.EqualTo(_cluster.BootstrapServersFor("SASL_SSL")));
        Assert.That(described, Is.Not.EqualTo(_cluster.BootstrapServersFor("PLAINTEXT")));
    }
}
