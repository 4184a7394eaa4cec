using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Kafka.Client.Protocol;
using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Security;

/// <summary>
/// SASL OAUTHBEARER (KIP-255, KIP-768) against the embedded cluster: unsecured JWTs from properties or JAAS, a token
/// provider, the OIDC client-credentials flow against a real HTTP endpoint, and the errors of refused tokens.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class OAuthBearerTests
{
    private EmbeddedKafkaCluster _unsecured = null!;
    private EmbeddedKafkaCluster _opaque = null!;

    [OneTimeSetUp]
    public async Task StartClusters()
    {
        var unsecured = new EmbeddedKafkaClusterOptions { Brokers = 1 };
        unsecured.Listeners.Add("SASL_PLAINTEXT://127.0.0.1:0");
        unsecured.SaslEnabledMechanisms.Add("OAUTHBEARER");
        _unsecured = await EmbeddedKafkaCluster.StartAsync(unsecured);

        // A cluster that trusts opaque tokens "opaque:NAME" (a test's own validation hook) and nothing else.
        var opaque = new EmbeddedKafkaClusterOptions
        {
            Brokers = 1,
            OAuthBearerTokenValidator = token => token.StartsWith("opaque:", StringComparison.Ordinal) ? new OAuthBearerValidation(token["opaque:".Length..], DateTimeOffset.UtcNow.AddHours(1)) : null,
        };
        opaque.Listeners.Add("SASL_PLAINTEXT://127.0.0.1:0");
        opaque.SaslEnabledMechanisms.Clear();
        opaque.SaslEnabledMechanisms.Add("OAUTHBEARER");
        _opaque = await EmbeddedKafkaCluster.StartAsync(opaque);
    }

    [OneTimeTearDown]
    public async Task StopClusters()
    {
        await _unsecured.DisposeAsync();
        await _opaque.DisposeAsync();
    }

    private static async Task RoundTripAsync(Func<ClientOptions, ClientOptions> secure, EmbeddedKafkaCluster cluster, string topic)
    {
        await cluster.CreateTopicAsync(topic, partitions: 1, replicationFactor: 1);
        var producerOptions = (ProducerOptions)secure(new ProducerOptions { BootstrapServers = cluster.BootstrapServers });
        await using (var producer = new KafkaProducer<string, string>(producerOptions))
        {
            await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "over oauth" });
        }

        var consumerOptions = (ConsumerOptions)secure(new ConsumerOptions { BootstrapServers = cluster.BootstrapServers, GroupId = topic + "-g", AutoOffsetReset = AutoOffsetReset.Earliest });
        await using var consumer = new KafkaConsumer<string, string>(consumerOptions);
        consumer.Subscribe(topic);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (ConsumeResult<string, string> record in consumer.ConsumeAsync(timeout.Token))
        {
            Assert.That(record.Message.Value, Is.EqualTo("over oauth"));
            break;
        }
    }

    [Test]
    public async Task Unsecured_jwt_from_librdkafka_properties_produces_and_consumes()
    {
        var properties = new Dictionary<string, string>
        {
            ["bootstrap.servers"] = _unsecured.BootstrapServers,
            ["security.protocol"] = "SASL_PLAINTEXT",
            ["sasl.mechanisms"] = "OAUTHBEARER",
            ["enable.sasl.oauthbearer.unsecure.jwt"] = "true",
            ["sasl.oauthbearer.config"] = "principal=alice scope=read,write lifeSeconds=600 extension_traceId=abc",
        };
        await using var admin = new KafkaAdminClient(AdminClientOptions.FromProperties(properties));
        await admin.CreateTopicsAsync([new TopicSpecification { Name = "oauth-props", NumPartitions = 1, ReplicationFactor = 1 }]);
        await RoundTripAsync(o => Copy(o, properties), _unsecured, "oauth-props-data");
    }

    private static ClientOptions Copy(ClientOptions options, Dictionary<string, string> properties)
    {
        options.SecurityProtocol = SecurityProtocol.SaslPlaintext;
        options.SaslMechanism = SaslMechanism.OAuthBearer;
        options.EnableSaslOAuthBearerUnsecureJwt = true;
        options.SaslOAuthBearerConfig = properties["sasl.oauthbearer.config"];
        return options;
    }

    [Test]
    public async Task Unsecured_jwt_from_a_pasted_java_jaas_config_produces_and_consumes() =>
        await RoundTripAsync(o =>
        {
            o.SecurityProtocol = SecurityProtocol.SaslPlaintext;
            o.SaslMechanism = SaslMechanism.OAuthBearer;
            o.SaslJaasConfig = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required unsecuredLoginStringClaim_sub=\"bob\";";
            return o;
        }, _unsecured, "oauth-jaas");

    [Test]
    public async Task A_token_provider_is_asked_once_per_client_and_its_tokens_are_used()
    {
        int calls = 0;
        await RoundTripAsync(o =>
        {
            o.SecurityProtocol = SecurityProtocol.SaslPlaintext;
            o.SaslMechanism = SaslMechanism.OAuthBearer;
            o.SaslOAuthBearerTokenProvider = _ =>
            {
                Interlocked.Increment(ref calls);
                return ValueTask.FromResult(new OAuthBearerToken("opaque:carol", DateTimeOffset.UtcNow.AddHours(1), "carol"));
            };
            return o;
        }, _opaque, "oauth-provider");
        Assert.That(calls, Is.EqualTo(2), "one token per client (producer, consumer), shared by its connections");
    }

    [Test]
    public void A_refused_token_fails_at_once_with_the_brokers_status_and_not_the_token()
    {
        var options = new AdminClientOptions
        {
            BootstrapServers = _opaque.BootstrapServers,
            SecurityProtocol = SecurityProtocol.SaslPlaintext,
            SaslMechanism = SaslMechanism.OAuthBearer,
            DefaultApiTimeoutMs = 20_000,
            SaslOAuthBearerTokenProvider = _ => ValueTask.FromResult(new OAuthBearerToken("not-trusted-secret-token", DateTimeOffset.UtcNow.AddHours(1), "mallory")),
        };
        var watch = Stopwatch.StartNew();
        var error = Assert.ThrowsAsync<KafkaAuthenticationException>(async () =>
        {
            await using var admin = new KafkaAdminClient(options);
            await admin.ListTopicsAsync();
        });
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(error!.Error, Is.EqualTo(ErrorCode.SaslAuthenticationFailed));
        Assert.That(error.Message, Does.Contain("invalid_token").And.Not.Contain("not-trusted-secret-token"));
    }

    [Test]
    public void A_provider_that_throws_fails_the_connection_with_an_authentication_error()
    {
        var options = new AdminClientOptions
        {
            BootstrapServers = _opaque.BootstrapServers,
            SecurityProtocol = SecurityProtocol.SaslPlaintext,
            SaslMechanism = SaslMechanism.OAuthBearer,
            DefaultApiTimeoutMs = 20_000,
            SaslOAuthBearerTokenProvider = _ => throw new InvalidOperationException("identity provider down"),
        };
        var error = Assert.ThrowsAsync<KafkaAuthenticationException>(async () =>
        {
            await using var admin = new KafkaAdminClient(options);
            await admin.ListTopicsAsync();
        });
        Assert.That(error!.Message, Does.Contain("identity provider down"));
    }

    [Test]
    public async Task The_oidc_client_credentials_flow_gets_a_token_from_the_endpoint()
    {
        await using var endpoint = TokenEndpoint.Start("svc-client", "svc-secret", "opaque:svc");
        await RoundTripAsync(o =>
        {
            o.SecurityProtocol = SecurityProtocol.SaslPlaintext;
            o.SaslMechanism = SaslMechanism.OAuthBearer;
            o.SaslOAuthBearerMethod = SaslOAuthBearerMethod.Oidc;
            o.SaslOAuthBearerTokenEndpointUrl = endpoint.Url;
            o.SaslOAuthBearerClientId = "svc-client";
            o.SaslOAuthBearerClientSecret = "svc-secret";
            o.SaslOAuthBearerScope = "kafka";
            return o;
        }, _opaque, "oauth-oidc");
        Assert.That(endpoint.Requests, Is.GreaterThanOrEqualTo(1));
        Assert.That(endpoint.LastForm, Does.Contain("grant_type=client_credentials").And.Contain("scope=kafka"));
    }

    [Test]
    public async Task A_wrong_oidc_secret_fails_with_the_endpoints_answer_and_not_the_secret()
    {
        await using var endpoint = TokenEndpoint.Start("svc-client", "svc-secret", "opaque:svc");
        var options = new AdminClientOptions
        {
            BootstrapServers = _opaque.BootstrapServers,
            SecurityProtocol = SecurityProtocol.SaslPlaintext,
            SaslMechanism = SaslMechanism.OAuthBearer,
            DefaultApiTimeoutMs = 20_000,
            SaslOAuthBearerTokenEndpointUrl = endpoint.Url,
            SaslJaasConfig = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId=\"svc-client\" clientSecret=\"wrong-secret-value\";",
        };
        var error = Assert.ThrowsAsync<KafkaAuthenticationException>(async () =>
        {
            await using var admin = new KafkaAdminClient(options);
            await admin.ListTopicsAsync();
        });
        Assert.That(error!.Message, Does.Contain("401").And.Contain("invalid_client").And.Not.Contain("wrong-secret-value"));
    }

    [Test]
    public void Options_without_a_token_source_are_refused_and_secrets_are_hidden()
    {
        var missing = new ProducerOptions { BootstrapServers = "localhost:9092", SecurityProtocol = SecurityProtocol.SaslSsl, SaslMechanism = SaslMechanism.OAuthBearer };
        Assert.That(Assert.Throws<ArgumentException>(missing.Validate)!.Message, Does.Contain("sasl.oauthbearer.token.endpoint.url"));

        var oidc = new ProducerOptions
        {
            BootstrapServers = "localhost:9092", SecurityProtocol = SecurityProtocol.SaslSsl, SaslMechanism = SaslMechanism.OAuthBearer,
            SaslOAuthBearerTokenEndpointUrl = "https://idp.example.com/token", SaslOAuthBearerClientId = "id", SaslOAuthBearerClientSecret = "very-secret",
        };
        oidc.Validate();
        Assert.That(string.Join(",", oidc.ToProperties().Select(p => p.Value)), Does.Not.Contain("very-secret"));
        Assert.That(oidc.ToString(), Does.Not.Contain("very-secret"));
        Assert.That(new OAuthBearerToken("jwt-value", DateTimeOffset.UtcNow, "p").ToString(), Does.Not.Contain("jwt-value"));
    }

    /// <summary>An OIDC token endpoint on loopback HTTP: checks the Basic credentials and answers a token or 401.</summary>
    private sealed class TokenEndpoint : IAsyncDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _serving;
        private int _requests;

        private TokenEndpoint(string clientId, string secret, string token)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://127.0.0.1:{port}/oauth2/token";
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/oauth2/");
            _listener.Start();
            string expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}"));
            _serving = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }

                    Interlocked.Increment(ref _requests);
                    using (var reader = new StreamReader(context.Request.InputStream))
                    {
                        LastForm = await reader.ReadToEndAsync();
                    }

                    bool ok = context.Request.HttpMethod == "POST" && context.Request.Headers["Authorization"] == expected;
                    context.Response.StatusCode = ok ? 200 : 401;
                    context.Response.ContentType = "application/json";
                    byte[] body = Encoding.UTF8.GetBytes(ok ? $"{{\"access_token\":\"{token}\",\"token_type\":\"bearer\",\"expires_in\":3600}}" : "{\"error\":\"invalid_client\"}");
                    await context.Response.OutputStream.WriteAsync(body);
                    context.Response.Close();
                }
            });
        }

        public string Url { get; }

        public int Requests => _requests;

        public string LastForm { get; private set; } = "";

        public static TokenEndpoint Start(string clientId, string secret, string token) => new(clientId, secret, token);

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            _listener.Close();
            await _serving;
        }
    }
}
