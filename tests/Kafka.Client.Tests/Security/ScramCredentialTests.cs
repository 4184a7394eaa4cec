using Kafka.Client.Protocol;
using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Security;

/// <summary>SCRAM users administered with Describe/AlterUserScramCredentials (KIP-554), and logging in with what was set.</summary>
public class ScramCredentialTests
{
    private EmbeddedKafkaCluster _cluster = null!;
    private KafkaAdminClient _admin = null!;

    [OneTimeSetUp]
    public async Task StartCluster()
    {
        var options = new EmbeddedKafkaClusterOptions { Brokers = 1 };
        options.Listeners.Add("SASL_PLAINTEXT://127.0.0.1:0");
        options.SaslUsers["alice"] = "alice-secret";
        _cluster = await EmbeddedKafkaCluster.StartAsync(options);
        _admin = new KafkaAdminClient(As<AdminClientOptions>("alice", "alice-secret", SaslMechanism.ScramSha512));
    }

    [OneTimeTearDown]
    public async Task StopCluster()
    {
        await _admin.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    private T As<T>(string user, string password, SaslMechanism mechanism)
        where T : ClientOptions, new() => new()
    {
        BootstrapServers = _cluster.BootstrapServers,
        SecurityProtocol = SecurityProtocol.SaslPlaintext,
        SaslMechanism = mechanism,
        SaslUsername = user,
        SaslPassword = password,
        SocketConnectionSetupTimeoutMs = 5_000,
    };

    private async Task LogInAsync(string user, string password, SaslMechanism mechanism)
    {
        await using var client = new KafkaAdminClient(As<AdminClientOptions>(user, password, mechanism));
        await client.ListTopicsAsync();
    }

    [Test]
    public async Task A_user_created_by_the_admin_client_logs_in_with_that_mechanism_only_until_deleted()
    {
        (await _admin.AlterUserScramCredentialsAsync([new UserScramCredentialUpsertion("carol", new ScramCredentialInfo(ScramMechanism.ScramSha256, 8192), "carol-pass")])).ThrowIfAnyFailed();
        IReadOnlyList<UserScramCredentialsDescription> carol = await _admin.DescribeUserScramCredentialsAsync(["carol"]);
        Assert.That(carol.Single().Credentials, Is.EqualTo(new[] { new ScramCredentialInfo(ScramMechanism.ScramSha256, 8192) }));

        await LogInAsync("carol", "carol-pass", SaslMechanism.ScramSha256);
        Assert.ThrowsAsync<KafkaAuthenticationException>(() => LogInAsync("carol", "carol-pass", SaslMechanism.ScramSha512), "no SCRAM-SHA-512 credential");
        Assert.ThrowsAsync<KafkaAuthenticationException>(() => LogInAsync("carol", "carol-pass", SaslMechanism.Plain), "SCRAM users have no PLAIN password, as in Kafka");

        (await _admin.AlterUserScramCredentialsAsync([new UserScramCredentialUpsertion("carol", new ScramCredentialInfo(ScramMechanism.ScramSha256, 4096), "carol-new")])).ThrowIfAnyFailed();
        Assert.ThrowsAsync<KafkaAuthenticationException>(() => LogInAsync("carol", "carol-pass", SaslMechanism.ScramSha256), "the old password is replaced");
        await LogInAsync("carol", "carol-new", SaslMechanism.ScramSha256);

        (await _admin.AlterUserScramCredentialsAsync([new UserScramCredentialDeletion("carol", ScramMechanism.ScramSha256)])).ThrowIfAnyFailed();
        Assert.ThrowsAsync<KafkaAuthenticationException>(() => LogInAsync("carol", "carol-new", SaslMechanism.ScramSha256));
        IReadOnlyList<AlterUserScramCredentialsResult> again = await _admin.AlterUserScramCredentialsAsync([new UserScramCredentialDeletion("carol", ScramMechanism.ScramSha256)]);
        Assert.That(again[0].Error?.Error, Is.EqualTo(ErrorCode.ResourceNotFound));
    }

    [Test]
    public async Task Every_user_is_described_with_mechanisms_and_iterations_and_unknown_users_are_not_found()
    {
        IReadOnlyList<UserScramCredentialsDescription> all = await _admin.DescribeUserScramCredentialsAsync();
        UserScramCredentialsDescription alice = all.Single(d => d.User == "alice");
        Assert.That(alice.Credentials, Is.EquivalentTo(new[] { new ScramCredentialInfo(ScramMechanism.ScramSha256, 4096), new ScramCredentialInfo(ScramMechanism.ScramSha512, 4096) }));

        IReadOnlyList<UserScramCredentialsDescription> nobody = await _admin.DescribeUserScramCredentialsAsync(["nobody"]);
        Assert.That(nobody.Single().Error?.Error, Is.EqualTo(ErrorCode.ResourceNotFound));
    }

    [Test]
    public async Task Bad_alterations_are_refused_per_user_and_the_good_ones_applied()
    {
        IReadOnlyList<AlterUserScramCredentialsResult> results = await _admin.AlterUserScramCredentialsAsync(
        [
            new UserScramCredentialUpsertion("few", new ScramCredentialInfo(ScramMechanism.ScramSha512, 100), "x"),
            new UserScramCredentialUpsertion("many", new ScramCredentialInfo(ScramMechanism.ScramSha512, 20_000), "x"),
            new UserScramCredentialUpsertion("twice", new ScramCredentialInfo(ScramMechanism.ScramSha512, 4096), "x"),
            new UserScramCredentialDeletion("twice", ScramMechanism.ScramSha512),
            new UserScramCredentialUpsertion("dave", new ScramCredentialInfo(ScramMechanism.ScramSha512, 4096), "dave-pass"),
        ]);
        Assert.That(results.Select(r => (r.User, r.Error?.Error ?? ErrorCode.None)), Is.EqualTo(new[]
        {
            ("few", ErrorCode.UnacceptableCredential),
            ("many", ErrorCode.UnacceptableCredential),
            ("twice", ErrorCode.DuplicateResource),
            ("dave", ErrorCode.None),
        }));
        await LogInAsync("dave", "dave-pass", SaslMechanism.ScramSha512);
        Assert.That((await _admin.DescribeUserScramCredentialsAsync(["few"]))[0].Error?.Error, Is.EqualTo(ErrorCode.ResourceNotFound));
    }

    [Test]
    public void An_upsertion_never_prints_its_password()
    {
        var upsert = new UserScramCredentialUpsertion("erin", new ScramCredentialInfo(ScramMechanism.ScramSha256, 4096), "erin-top-secret");
        Assert.That(upsert.ToString(), Does.Contain("erin").And.Contain("[hidden]").And.Not.Contain("erin-top-secret"));
    }
}
