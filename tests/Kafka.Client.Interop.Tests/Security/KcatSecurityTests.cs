namespace Interop.Tests.Security;

/// <summary>kcat (Debian's librdkafka, OpenSSL) over our broker's SASL_SSL and SSL listeners, configured with the properties a user pastes.</summary>
[Parallelizable(ParallelScope.All)]
public class KcatSecurityTests
{
    private SecureCluster _secure = null!;

    [OneTimeSetUp]
    public async Task Start() => _secure = await SecureCluster.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _secure.DisposeAsync();

    private static Task<ToolResult> KcatAsync(string input, IEnumerable<string> arguments) =>
        ToolProcess.RunAsync("kcat", [.. arguments], input, missingHint: "`apt-get install -y kcat` (.ci/run does this)");

    private string[] SaslSsl(string mechanism, string password = SecureCluster.Password) =>
    [
        "-b", _secure.SaslSsl, "-X", "security.protocol=SASL_SSL", "-X", $"sasl.mechanisms={mechanism}",
        "-X", $"sasl.username={SecureCluster.User}", "-X", $"sasl.password={password}", "-X", $"ssl.ca.location={_secure.CaFile}",
    ];

    private string[] Ssl() =>
    [
        "-b", _secure.Ssl, "-X", "security.protocol=SSL", "-X", $"ssl.ca.location={_secure.CaFile}",
        "-X", $"ssl.certificate.location={_secure.CertificateFile}", "-X", $"ssl.key.location={_secure.KeyFile}",
    ];

    [TestCase("SCRAM-SHA-512")]
    [TestCase("PLAIN")]
    public async Task Kcat_produces_and_consumes_over_sasl_ssl(string mechanism)
    {
        string topic = "kcat-sasl-" + mechanism.ToLowerInvariant();
        await ProduceAndConsumeAsync(SaslSsl(mechanism), topic);
    }

    [Test]
    public async Task Kcat_produces_and_consumes_with_an_unsecured_oauthbearer_token() =>
        await ProduceAndConsumeAsync(
        [
            "-b", _secure.SaslSsl, "-X", "security.protocol=SASL_SSL", "-X", "sasl.mechanisms=OAUTHBEARER",
            "-X", "enable.sasl.oauthbearer.unsecure.jwt=true", "-X", "sasl.oauthbearer.config=principal=alice", "-X", $"ssl.ca.location={_secure.CaFile}",
        ], "kcat-oauth");

    [Test]
    public async Task Kcat_produces_and_consumes_over_ssl_with_a_client_certificate() =>
        await ProduceAndConsumeAsync(Ssl(), "kcat-mtls");

    [Test]
    public async Task Kcat_with_a_wrong_password_reports_the_authentication_failure()
    {
        ToolResult result = await KcatAsync("", [.. SaslSsl("SCRAM-SHA-512", password: "wrong"), "-L", "-m", "5"]);
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain("Authentication failed").IgnoreCase, result.ToString());
        Assert.That(result.Error, Does.Not.Contain(SecureCluster.Password));
    }

    private async Task ProduceAndConsumeAsync(string[] security, string topic)
    {
        await _secure.Cluster.CreateTopicAsync(topic, partitions: 2, replicationFactor: 2);
        string lines = string.Join("\n", Enumerable.Range(0, 40).Select(i => $"k{i}:message {i}")) + "\n";
        ToolResult produced = await KcatAsync(lines, [.. security, "-P", "-t", topic, "-K:"]);
        Assert.That(produced.ExitCode, Is.Zero, produced.ToString());

        ToolResult consumed = await KcatAsync("", [.. security, "-C", "-t", topic, "-e", "-f", "%k=%s\n"]);
        Assert.That(consumed.ExitCode, Is.Zero, consumed.ToString());
        Assert.That(consumed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EquivalentTo(Enumerable.Range(0, 40).Select(i => $"k{i}=message {i}")));
    }
}
