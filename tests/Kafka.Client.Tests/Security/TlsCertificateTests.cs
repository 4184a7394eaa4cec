using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kafka.Client.Protocol;
using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Security;

/// <summary>
/// Certificates both ways over real TLS: mutual TLS with the client certificate as PEM text, files (an encrypted key
/// too) or an <see cref="X509Certificate2"/>, its subject as the principal; and the errors of a missing or expired
/// client certificate, a broker certificate for another host or out of date, each fast and named.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class TlsCertificateTests
{
    private const string ClientSubject = "CN=billing-service,O=Acme";
    private EmbeddedKafkaCluster _cluster = null!;
    private string _folder = null!;

    [OneTimeSetUp]
    public async Task StartCluster()
    {
        // ACLs on, with the certificate's subject as the only super user: only a client whose certificate the broker
        // mapped to that principal gets anything done.
        var options = new EmbeddedKafkaClusterOptions { Brokers = 1, SslClientAuth = SslClientAuthentication.Required, EnableAcls = true };
        options.Listeners.Add("SSL://127.0.0.1:0");
        options.SuperUsers.Add("User:" + ClientSubject);
        _cluster = await EmbeddedKafkaCluster.StartAsync(options);
        _folder = Directory.CreateTempSubdirectory("kafka-tls-").FullName;
    }

    [OneTimeTearDown]
    public async Task StopCluster()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private AdminClientOptions Tls(Action<AdminClientOptions> client) 
    {
        var options = new AdminClientOptions
        {
            BootstrapServers = _cluster.BootstrapServersFor("SSL"), SecurityProtocol = SecurityProtocol.Ssl,
            SslCaPem = _cluster.CertificateAuthorityPem, DefaultApiTimeoutMs = 15_000, SocketConnectionSetupTimeoutMs = 5_000,
        };
        client(options);
        return options;
    }

    private static async Task CreateTopicAsync(AdminClientOptions options, string topic)
    {
        await using var admin = new KafkaAdminClient(options);
        (await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = 1, ReplicationFactor = 1 }])).ThrowIfAnyFailed();
    }

    [Test]
    public async Task A_client_certificate_as_pem_text_is_the_principal()
    {
        using X509Certificate2 certificate = _cluster.IssueClientCertificate(ClientSubject);
        await CreateTopicAsync(Tls(o =>
        {
            o.SslCertificatePem = certificate.ExportCertificatePem();
            o.SslKeyPem = certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem();
        }), "mtls-pem");
    }

    [Test]
    public async Task A_client_certificate_in_files_with_an_encrypted_key_is_the_principal()
    {
        using X509Certificate2 certificate = _cluster.IssueClientCertificate(ClientSubject);
        string certificateFile = Path.Combine(_folder, "client.pem");
        string keyFile = Path.Combine(_folder, "client.key");
        await File.WriteAllTextAsync(certificateFile, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyFile, certificate.GetECDsaPrivateKey()!.ExportEncryptedPkcs8PrivateKeyPem("key-pass", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000)));
        AdminClientOptions options = Tls(o =>
        {
            o.SslCertificateLocation = certificateFile;
            o.SslKeyLocation = keyFile;
            o.SslKeyPassword = "key-pass";
        });
        Assert.That(options.ToString(), Does.Not.Contain("key-pass"));
        await CreateTopicAsync(options, "mtls-files");
    }

    [Test]
    public async Task A_client_certificate_object_is_used_as_given()
    {
        using X509Certificate2 certificate = _cluster.IssueClientCertificate(ClientSubject);
        await CreateTopicAsync(Tls(o => o.SslClientCertificate = certificate), "mtls-object");
    }

    [Test]
    public async Task Another_subject_is_another_principal_and_gets_no_rights()
    {
        using X509Certificate2 certificate = _cluster.IssueClientCertificate("CN=intruder,O=Acme");
        await using var admin = new KafkaAdminClient(Tls(o => o.SslClientCertificate = certificate));
        IReadOnlyList<CreateTopicResult> created = await admin.CreateTopicsAsync([new TopicSpecification { Name = "mtls-denied", NumPartitions = 1, ReplicationFactor = 1 }]);
        Assert.That(created[0].Error?.Error, Is.EqualTo(ErrorCode.TopicAuthorizationFailed));
    }

    [Test]
    public void Without_a_client_certificate_the_connection_fails_fast_with_a_named_error()
    {
        AssertFailsFast(Tls(_ => { }), "certificate");
    }

    [Test]
    public void An_expired_client_certificate_is_refused()
    {
        using X509Certificate2 expired = _cluster.IssueClientCertificate(ClientSubject, DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddDays(-1));
        AssertFailsFast(Tls(o => o.SslClientCertificate = expired), "certificate");
    }

    private static KafkaException AssertFailsFast(AdminClientOptions options, string mentioned)
    {
        var watch = Stopwatch.StartNew();
        var error = Assert.CatchAsync<KafkaException>(async () =>
        {
            await using var admin = new KafkaAdminClient(options);
            await admin.ListTopicsAsync();
        });
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(12)), "within the connect timeout, not retried until the API timeout: " + error!.ToString());
        Assert.That(error!.Message, Does.Contain(mentioned).IgnoreCase);
        return error;
    }

    [Test]
    public async Task A_broker_certificate_for_another_host_is_refused_unless_the_check_is_off()
    {
        using X509Certificate2 wrongName = SelfSigned("wrong.example", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        await using EmbeddedKafkaCluster cluster = await StartWithCertificateAsync(wrongName);
        var options = new AdminClientOptions
        {
            BootstrapServers = cluster.BootstrapServersFor("SSL"), SecurityProtocol = SecurityProtocol.Ssl, SslCaPem = wrongName.ExportCertificatePem(),
            DefaultApiTimeoutMs = 15_000, SocketConnectionSetupTimeoutMs = 5_000,
        };
        KafkaException refused = AssertFailsFast(options, "does not name the host '127.0.0.1'");
        Assert.That(refused, Is.InstanceOf<KafkaAuthenticationException>());

        options.SslEndpointIdentificationAlgorithm = SslEndpointIdentification.None;
        await using (var admin = new KafkaAdminClient(options))
        {
            await admin.ListTopicsAsync();
        }

        var custom = new AdminClientOptions
        {
            BootstrapServers = cluster.BootstrapServersFor("SSL"), SecurityProtocol = SecurityProtocol.Ssl,
            SslCertificateValidation = (_, certificate, _, _) => certificate?.Subject == "CN=wrong.example",
        };
        await using (var admin = new KafkaAdminClient(custom))
        {
            await admin.ListTopicsAsync();
        }
    }

    [Test]
    public async Task An_expired_broker_certificate_is_refused_as_out_of_date()
    {
        using X509Certificate2 expired = SelfSigned("127.0.0.1", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        await using EmbeddedKafkaCluster cluster = await StartWithCertificateAsync(expired);
        var options = new AdminClientOptions
        {
            BootstrapServers = cluster.BootstrapServersFor("SSL"), SecurityProtocol = SecurityProtocol.Ssl, SslCaPem = expired.ExportCertificatePem(),
            DefaultApiTimeoutMs = 15_000, SocketConnectionSetupTimeoutMs = 5_000,
        };
        AssertFailsFast(options, "not valid now");
    }

    private static async Task<EmbeddedKafkaCluster> StartWithCertificateAsync(X509Certificate2 certificate)
    {
        var options = new EmbeddedKafkaClusterOptions { Brokers = 1, TlsCertificate = certificate };
        options.Listeners.Add("SSL://127.0.0.1:0");
        return await EmbeddedKafkaCluster.StartAsync(options);
    }

    private static X509Certificate2 SelfSigned(string host, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + host, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        if (IPAddress.TryParse(host, out IPAddress? address))
        {
            names.AddIpAddress(address);
        }
        else
        {
            names.AddDnsName(host);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        return request.CreateSelfSigned(notBefore, notAfter);
    }
}
