using Kafka.Client.Protocol;
using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Options;

/// <summary>The security properties as users paste them: names and aliases, JAAS, masking of secrets, refused mechanisms.</summary>
public class SecurityOptionsTests
{
    private static ProducerOptions Parse(params (string Key, string Value)[] properties) =>
        ProducerOptions.FromProperties(new Dictionary<string, string>(properties.Select(p => KeyValuePair.Create(p.Key, p.Value))) { ["bootstrap.servers"] = "localhost:9092" });

    [Test]
    public void Confluent_cloud_properties_parse_and_their_secrets_never_print()
    {
        ProducerOptions options = Parse(
            ("security.protocol", "SASL_SSL"), ("sasl.mechanisms", "PLAIN"), ("sasl.username", "API_KEY"), ("sasl.password", "api-secret-123"),
            ("ssl.endpoint.identification.algorithm", "https"));
        options.Validate();
        Assert.That((options.SecurityProtocol, options.SaslMechanism, options.SaslUsername), Is.EqualTo((SecurityProtocol.SaslSsl, SaslMechanism.Plain, "API_KEY")));
        IReadOnlyDictionary<string, string> back = options.ToProperties();
        Assert.That(back["sasl.mechanism"], Is.EqualTo("PLAIN"), "librdkafka's sasl.mechanisms is an alias of sasl.mechanism");
        Assert.That(back["sasl.password"], Is.EqualTo("[hidden]"));
        Assert.That(options.ToString() + string.Join(",", back.Values), Does.Not.Contain("api-secret-123"));
    }

    [Test]
    public void A_java_jaas_config_gives_the_scram_credentials()
    {
        ProducerOptions options = Parse(
            ("security.protocol", "SASL_SSL"), ("sasl.mechanism", "SCRAM-SHA-512"),
            ("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\" password=\"p\\\"w;d\";"));
        Assert.That(options.ResolveSaslCredentials(), Is.EqualTo(("svc", "p\"w;d")));
        Assert.That(options.ToProperties()["sasl.jaas.config"], Is.EqualTo("[hidden]"));
    }

    [TestCase("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\" password=\"topsecret\"", "must end with ';'")]
    [TestCase("org.apache.kafka.common.security.scram.ScramLoginModule maybe username=\"svc\" password=\"topsecret\";", "control flag")]
    [TestCase("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"svc\" password=\"topsecret\";", "PlainLoginModule")]
    public void A_bad_jaas_config_is_refused_without_showing_its_values(string jaas, string reason)
    {
        ProducerOptions options = Parse(("security.protocol", "SASL_SSL"), ("sasl.mechanism", "SCRAM-SHA-256"), ("sasl.jaas.config", jaas));
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.That(error!.Message, Does.Contain(reason).And.Not.Contain("topsecret"));
    }

    [Test]
    public void Kerberos_is_refused_with_not_supported_naming_it()
    {
        ProducerOptions gssapi = Parse(("security.protocol", "SASL_SSL"));
        Assert.That(Assert.Throws<NotSupportedException>(gssapi.Validate)!.Message, Does.Contain("GSSAPI"));
        ProducerOptions krb5 = Parse(("security.protocol", "SASL_SSL"), ("sasl.mechanism", "PLAIN"),
            ("sasl.jaas.config", "com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true;"));
        Assert.That(Assert.Throws<NotSupportedException>(krb5.Validate)!.Message, Does.Contain("Krb5LoginModule"));
    }

    [Test]
    public void Missing_credentials_and_conflicting_tls_settings_name_the_properties()
    {
        Assert.That(Assert.Throws<ArgumentException>(Parse(("security.protocol", "SASL_PLAINTEXT"), ("sasl.mechanism", "PLAIN")).Validate)!.Message,
            Does.Contain("sasl.username").And.Contain("sasl.password"));
        Assert.That(Assert.Throws<ArgumentException>(Parse(("security.protocol", "SSL"), ("ssl.ca.location", "/a"), ("ssl.ca.pem", "x")).Validate)!.Message,
            Does.Contain("ssl.ca.location").And.Contain("ssl.ca.pem"));
        Assert.That(Assert.Throws<ArgumentException>(Parse(("security.protocol", "SSL"), ("ssl.key.location", "/k")).Validate)!.Message,
            Does.Contain("ssl.certificate.location"));
        Assert.That(Assert.Throws<ArgumentException>(() => Parse(("security.protocol", "TLS"))), Has.Message.Contain("security.protocol"));
    }

    [Test]
    public async Task A_mechanism_the_broker_does_not_offer_fails_at_once_naming_the_brokers_list()
    {
        var clusterOptions = new EmbeddedKafkaClusterOptions { Brokers = 1 };
        clusterOptions.Listeners.Add("SASL_PLAINTEXT://127.0.0.1:0");
        clusterOptions.SaslUsers["alice"] = "alice-secret";
        clusterOptions.SaslEnabledMechanisms.Clear();
        clusterOptions.SaslEnabledMechanisms.Add("SCRAM-SHA-512");
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(clusterOptions);
        var options = new AdminClientOptions
        {
            BootstrapServers = cluster.BootstrapServers, SecurityProtocol = SecurityProtocol.SaslPlaintext, SaslMechanism = SaslMechanism.Plain,
            SaslUsername = "alice", SaslPassword = "alice-secret", DefaultApiTimeoutMs = 20_000,
        };
        var error = Assert.ThrowsAsync<KafkaAuthenticationException>(async () =>
        {
            await using var admin = new KafkaAdminClient(options);
            await admin.ListTopicsAsync();
        });
        Assert.That(error!.Error, Is.EqualTo(ErrorCode.UnsupportedSaslMechanism));
        Assert.That(error.Message, Does.Contain("PLAIN").And.Contain("SCRAM-SHA-512"));
    }
}
