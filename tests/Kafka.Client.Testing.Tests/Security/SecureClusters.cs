using System.Diagnostics;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests.Security;

/// <summary>
/// The cluster the security fuzz tests run against (one broker with a PLAINTEXT, an SSL, a SASL_PLAINTEXT and a
/// SASL_SSL listener, one SASL user), and what they share: the listeners' addresses, trust of the cluster's CA, a
/// correct login, and a wait for the broker to let go of refused connections.
/// </summary>
internal static class SecureClusters
{
    public const string User = "fuzz-user";
    public const string Password = "fuzz-secret";

    /// <summary>How long any single answer may take before a test calls it a hang.</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The broker's TLS handshake limit (10 s) plus slack: a connection stuck in the handshake is closed by then.</summary>
    public static readonly TimeSpan TlsCloseTimeout = TimeSpan.FromSeconds(12.5);

    public static readonly string[] SaslListeners = ["SASL_PLAINTEXT", "SASL_SSL"];

    public static readonly string[] TlsListeners = ["SSL", "SASL_SSL"];

    public static readonly string[] EnabledMechanisms = ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"];

    public static Task<EmbeddedKafkaCluster> StartAsync(Action<EmbeddedKafkaClusterOptions>? configure = null)
    {
        var options = new EmbeddedKafkaClusterOptions { Brokers = 1 };
        options.Listeners.Add("PLAINTEXT://127.0.0.1:0");
        options.Listeners.Add("SSL://127.0.0.1:0");
        options.Listeners.Add("SASL_PLAINTEXT://127.0.0.1:0");
        options.Listeners.Add("SASL_SSL://127.0.0.1:0");
        options.SaslUsers[User] = Password;
        configure?.Invoke(options);
        return EmbeddedKafkaCluster.StartAsync(options);
    }

    public static bool UsesTls(string listener) => listener is "SSL" or "SASL_SSL";

    /// <summary>The host and port of the (only) broker's <paramref name="listener"/>.</summary>
    public static (string Host, int Port) Endpoint(EmbeddedKafkaCluster cluster, string listener)
    {
        string server = cluster.BootstrapServersFor(listener);
        Assert.That(server, Does.Not.Contain(","), "the fuzz cluster has one broker");
        int colon = server.LastIndexOf(':');
        return (server[..colon], int.Parse(server[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Accepts the broker's certificate when it chains to the cluster's CA (and names the host it was reached at).</summary>
    public static RemoteCertificateValidationCallback TrustClusterCa(EmbeddedKafkaCluster cluster)
    {
        string pem = cluster.CertificateAuthorityPem ?? throw new InvalidOperationException("The cluster has no TLS listener, so no CA.");
        return (_, certificate, _, errors) =>
        {
            if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
            {
                return false;
            }

            using X509Certificate2 authority = X509Certificate2.CreateFromPem(pem);
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.CustomTrustStore.Add(authority);
            using var leaf = new X509Certificate2(certificate);
            return chain.Build(leaf);
        };
    }

    /// <summary>
    /// Polls <see cref="EmbeddedKafkaCluster.ConnectionCount"/> until it is <paramref name="expected"/> or the time is up;
    /// returns the last count seen.
    /// </summary>
    public static async Task<int> WaitForConnectionCountAsync(EmbeddedKafkaCluster cluster, int expected, TimeSpan timeout)
    {
        int brokerId = cluster.BrokerIds[0];
        var watch = Stopwatch.StartNew();
        while (true)
        {
            int count = cluster.ConnectionCount(brokerId);
            if (count == expected || watch.Elapsed > timeout)
            {
                return count;
            }

            await Task.Delay(20);
        }
    }

    /// <summary>SaslHandshake v1 with <paramref name="mechanism"/>; asserts it is accepted.</summary>
    public static async Task HandshakeAsync(ListenerConnection connection, string mechanism)
    {
        var handshake = await connection.SendAsync<SaslHandshakeResponse>(new SaslHandshakeRequest { Mechanism = mechanism }, 1);
        Assert.That((ErrorCode)handshake.ErrorCode, Is.EqualTo(ErrorCode.None), $"SaslHandshake {mechanism}");
    }

    public static byte[] PlainToken(string user, string password, string authorizationId = "") =>
        Encoding.UTF8.GetBytes($"{authorizationId}\0{user}\0{password}");

    /// <summary>A correct SASL/PLAIN login with SaslHandshake v1 and SaslAuthenticate v2; returns the answer.</summary>
    public static async Task<SaslAuthenticateResponse> LogInAsync(ListenerConnection connection, string user = User, string password = Password)
    {
        await HandshakeAsync(connection, "PLAIN");
        var authenticate = await connection.SendAsync<SaslAuthenticateResponse>(new SaslAuthenticateRequest { AuthBytes = PlainToken(user, password) }, 2);
        Assert.That((ErrorCode)authenticate.ErrorCode, Is.EqualTo(ErrorCode.None), authenticate.ErrorMessage);
        return authenticate;
    }

    /// <summary>Asserts a Metadata v12 request is answered with the cluster's one broker.</summary>
    public static async Task AssertMetadataServedAsync(ListenerConnection connection)
    {
        var metadata = await connection.SendAsync<MetadataResponse>(new MetadataRequest { Topics = null }, 12);
        Assert.That(metadata.Brokers, Has.Count.EqualTo(1));
    }

    /// <summary>
    /// Asserts a Metadata request in the middle of a SASL exchange is not served and ends the connection. Kafka's
    /// authenticator, once SaslHandshake v1 has chosen a mechanism, parses such a request, answers it with its error
    /// response (ILLEGAL_SASL_STATE: for Metadata, no brokers) and closes; closing unanswered refuses it as well.
    /// </summary>
    public static async Task AssertMetadataRefusedAsync(ListenerConnection connection, string why)
    {
        MetadataResponse? answer = await connection.TrySendAsync<MetadataResponse>(new MetadataRequest { Topics = null }, 12);
        if (answer is not null)
        {
            Assert.That(answer.Brokers, Is.Empty, $"{why}: Metadata was served (the answer lists the brokers)");
            Assert.That(await connection.IsClosedByBrokerAsync(TimeSpan.FromSeconds(5)), Is.True, $"{why}: the connection must close after the error answer");
        }
    }

    /// <summary>
    /// A fresh client on <paramref name="listener"/> is served: it logs in (on a SASL listener) and gets ApiVersions and
    /// Metadata answered. Run after garbage, it shows the broker carries on.
    /// </summary>
    public static async Task AssertGoodClientServedAsync(EmbeddedKafkaCluster cluster, string listener)
    {
        await using ListenerConnection good = await ListenerConnection.OpenAsync(cluster, listener);
        var versions = await good.SendAsync<ApiVersionsResponse>(new ApiVersionsRequest(), 3);
        Assert.That((ErrorCode)versions.ErrorCode, Is.EqualTo(ErrorCode.None));
        if (listener.StartsWith("SASL_", StringComparison.Ordinal))
        {
            await LogInAsync(good);
        }

        await AssertMetadataServedAsync(good);
    }
}
