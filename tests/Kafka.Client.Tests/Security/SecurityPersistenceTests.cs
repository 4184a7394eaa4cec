using Kafka.Client.Protocol;
using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Security;

/// <summary>ACLs and SCRAM users made through the admin API survive a restart on the same data directory, without a password on disk.</summary>
public class SecurityPersistenceTests
{
    [Test]
    public async Task Acls_and_scram_users_survive_a_restart()
    {
        string directory = Path.Combine(Path.GetTempPath(), "kafka-security-" + Guid.NewGuid().ToString("N"));
        try
        {
            EmbeddedKafkaClusterOptions Options()
            {
                var options = new EmbeddedKafkaClusterOptions { Brokers = 1, DataDirectory = directory, EnableAcls = true };
                options.Listeners.Add("SASL_PLAINTEXT://127.0.0.1:0");
                options.SaslUsers["admin"] = "admin-secret";
                options.SuperUsers.Add("User:admin");
                return options;
            }

            var acl = new AclBinding(new ResourcePattern(ResourceType.Topic, "ledger-", ResourcePatternType.Prefixed), new AccessControlEntry("User:erin", "*", AclOperation.Read, AclPermissionType.Allow));
            await using (EmbeddedKafkaCluster first = await EmbeddedKafkaCluster.StartAsync(Options()))
            {
                await using var admin = new KafkaAdminClient(As(first, "admin", "admin-secret"));
                (await admin.CreateAclsAsync([acl])).ThrowIfAnyFailed();
                (await admin.AlterUserScramCredentialsAsync([new UserScramCredentialUpsertion("erin", new ScramCredentialInfo(ScramMechanism.ScramSha512, 8192), "erin-pass")])).ThrowIfAnyFailed();
            }

            string onDisk = string.Concat(Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
            Assert.That(onDisk, Does.Not.Contain("erin-pass").And.Not.Contain("admin-secret"));

            await using EmbeddedKafkaCluster second = await EmbeddedKafkaCluster.StartAsync(Options());
            await using (var admin = new KafkaAdminClient(As(second, "admin", "admin-secret")))
            {
                Assert.That(await admin.DescribeAclsAsync(AclBindingFilter.Any), Is.EqualTo(new[] { acl }));
                UserScramCredentialsDescription erin = (await admin.DescribeUserScramCredentialsAsync(["erin"])).Single();
                Assert.That(erin.Credentials, Is.EqualTo(new[] { new ScramCredentialInfo(ScramMechanism.ScramSha512, 8192) }));
            }

            await using var erinClient = new KafkaAdminClient(As(second, "erin", "erin-pass"));
            await erinClient.ListTopicsAsync();
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static AdminClientOptions As(EmbeddedKafkaCluster cluster, string user, string password) => new()
    {
        BootstrapServers = cluster.BootstrapServers, SecurityProtocol = SecurityProtocol.SaslPlaintext, SaslMechanism = SaslMechanism.ScramSha512,
        SaslUsername = user, SaslPassword = password,
    };
}
