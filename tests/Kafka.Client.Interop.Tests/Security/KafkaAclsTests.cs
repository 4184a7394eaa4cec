using Kafka.Client;
using Kafka.Client.Protocol;
using Kafka.Client.Testing;

namespace Interop.Tests.Security;

/// <summary>`kafka acls` (kafka-acls.sh) against an embedded cluster with an authorizer, with a --command-config of a super user.</summary>
public class KafkaAclsTests
{
    [Test]
    public async Task Acls_added_listed_and_removed_with_kafka_acls_flags()
    {
        var options = new EmbeddedKafkaClusterOptions { Brokers = 1, EnableAcls = true };
        options.Listeners.Add("SASL_PLAINTEXT://127.0.0.1:0");
        options.SaslUsers["admin"] = "admin-secret";
        options.SuperUsers.Add("User:admin");
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(options);
        using var config = new TemporaryFile();
        await File.WriteAllLinesAsync(config.Path, ["security.protocol=SASL_PLAINTEXT", "sasl.mechanism=PLAIN", "sasl.username=admin", "sasl.password=admin-secret"]);
        string[] common = ["acls", "--bootstrap-server", cluster.BootstrapServers, "--command-config", config.Path];

        ToolResult added = await KafkaTool.RunAsync("", [.. common, "--add", "--allow-principal", "User:alice", "--operation", "Read", "--operation", "Write", "--topic", "orders"]);
        Assert.That(added.ExitCode, Is.Zero, added.ToString());
        Assert.That(added.Output, Does.Contain("Adding ACLs for resource `ResourcePattern(resourceType=TOPIC, name=orders, patternType=LITERAL)`:"));
        Assert.That(added.Output, Does.Contain("(principal=User:alice, host=*, operation=READ, permissionType=ALLOW)"));

        ToolResult consumer = await KafkaTool.RunAsync("", [.. common, "--add", "--consumer", "--allow-principal", "User:bob", "--topic", "logs-", "--group", "bob-", "--resource-pattern-type", "prefixed"]);
        Assert.That(consumer.ExitCode, Is.Zero, consumer.ToString());

        ToolResult denied = await KafkaTool.RunAsync("", [.. common, "--add", "--deny-principal", "User:bob", "--deny-host", "10.0.0.1", "--operation", "describe_configs", "--cluster"]);
        Assert.That(denied.ExitCode, Is.Zero, denied.ToString());

        await using var admin = new KafkaAdminClient(new AdminClientOptions
        {
            BootstrapServers = cluster.BootstrapServers, SecurityProtocol = SecurityProtocol.SaslPlaintext, SaslMechanism = SaslMechanism.Plain,
            SaslUsername = "admin", SaslPassword = "admin-secret",
        });
        IReadOnlyList<AclBinding> all = await admin.DescribeAclsAsync(AclBindingFilter.Any);
        Assert.That(all.Select(a => $"{a.Pattern.Type}:{a.Pattern.Name}:{a.Pattern.PatternType}:{a.Entry.Principal}:{a.Entry.Host}:{a.Entry.Operation}:{a.Entry.Permission}"), Is.EquivalentTo(new[]
        {
            "Topic:orders:Literal:User:alice:*:Read:Allow",
            "Topic:orders:Literal:User:alice:*:Write:Allow",
            "Topic:logs-:Prefixed:User:bob:*:Read:Allow",
            "Topic:logs-:Prefixed:User:bob:*:Describe:Allow",
            "Group:bob-:Prefixed:User:bob:*:Read:Allow",
            "Cluster:kafka-cluster:Literal:User:bob:10.0.0.1:DescribeConfigs:Deny",
        }));

        ToolResult listed = await KafkaTool.RunAsync("", [.. common, "--list", "--topic", "orders"]);
        Assert.That(listed.ExitCode, Is.Zero, listed.ToString());
        Assert.That(listed.Output, Does.Contain("Current ACLs for resource `ResourcePattern(resourceType=TOPIC, name=orders, patternType=LITERAL)`:"));
        Assert.That(listed.Output, Does.Contain("operation=WRITE").And.Not.Contain("User:bob"));

        ToolResult removed = await KafkaTool.RunAsync("", [.. common, "--remove", "--allow-principal", "User:alice", "--operation", "Write", "--topic", "orders", "--force"]);
        Assert.That(removed.ExitCode, Is.Zero, removed.ToString());
        Assert.That(removed.Output, Does.Contain("(principal=User:alice, host=*, operation=WRITE, permissionType=ALLOW)"));

        ToolResult byPrincipal = await KafkaTool.RunAsync("", [.. common, "--list", "--principal", "User:alice"]);
        Assert.That(byPrincipal.Output, Does.Contain("operation=READ").And.Not.Contain("operation=WRITE").And.Not.Contain("User:bob"), byPrincipal.ToString());

        ToolResult everything = await KafkaTool.RunAsync("", [.. common, "--remove", "--topic", "logs-", "--resource-pattern-type", "prefixed", "--force"]);
        Assert.That(everything.ExitCode, Is.Zero, everything.ToString());
        Assert.That(await admin.DescribeAclsAsync(AclBindingFilter.Any), Has.Count.EqualTo(3));

        ToolResult bad = await KafkaTool.RunAsync("", [.. common, "--add", "--allow-principal", "User:alice", "--operation", "Fly", "--topic", "orders"]);
        Assert.That(bad.ExitCode, Is.Not.Zero);
        Assert.That(bad.Error, Does.Contain("--operation 'Fly'"));
    }
}
