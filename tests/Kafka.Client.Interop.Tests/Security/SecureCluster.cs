using System.Security.Cryptography.X509Certificates;
using Kafka.Client.Testing;

namespace Interop.Tests.Security;

/// <summary>
/// An embedded cluster with an SSL listener that requires a client certificate and a SASL_SSL listener with one user,
/// and the files a librdkafka client is pointed at: the cluster's CA, and a client certificate and key it signed.
/// </summary>
internal sealed class SecureCluster : IAsyncDisposable
{
    public const string User = "alice";
    public const string Password = "alice-secret";

    private readonly string _folder = Directory.CreateTempSubdirectory("kafka-secure-").FullName;

    private SecureCluster(EmbeddedKafkaCluster cluster)
    {
        Cluster = cluster;
        CaFile = Path.Combine(_folder, "ca.pem");
        File.WriteAllText(CaFile, cluster.CertificateAuthorityPem);
        using X509Certificate2 client = cluster.IssueClientCertificate("CN=client-app,O=Interop");
        CertificatePem = client.ExportCertificatePem();
        KeyPem = client.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem();
        CertificateFile = Path.Combine(_folder, "client.pem");
        KeyFile = Path.Combine(_folder, "client.key");
        File.WriteAllText(CertificateFile, CertificatePem);
        File.WriteAllText(KeyFile, KeyPem);
    }

    public EmbeddedKafkaCluster Cluster { get; }

    public string CaFile { get; }

    public string CertificatePem { get; }

    public string KeyPem { get; }

    public string CertificateFile { get; }

    public string KeyFile { get; }

    public string SaslSsl => Cluster.BootstrapServersFor("SASL_SSL");

    public string Ssl => Cluster.BootstrapServersFor("SSL");

    /// <summary>Starts the cluster; with <paramref name="enableAcls"/>, ACLs are enforced, and <c>admin</c> (password <c>admin-secret</c>) is a super user.</summary>
    public static async Task<SecureCluster> StartAsync(bool enableAcls = false)
    {
        var options = new EmbeddedKafkaClusterOptions { Brokers = 2, SslClientAuth = SslClientAuthentication.Required, EnableAcls = enableAcls };
        options.SaslUsers["admin"] = "admin-secret";
        options.SuperUsers.Add("User:admin");
        options.Listeners.Add("PLAINTEXT://127.0.0.1:0");
        options.Listeners.Add("SSL://127.0.0.1:0");
        options.Listeners.Add("SASL_SSL://127.0.0.1:0");
        options.SaslUsers[User] = Password;
        options.SaslEnabledMechanisms.Add("OAUTHBEARER");
        options.SaslUsers["bob"] = "bob-secret";
        return new SecureCluster(await EmbeddedKafkaCluster.StartAsync(options));
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
