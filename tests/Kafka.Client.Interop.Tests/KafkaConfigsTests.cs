using Kafka.Client;
using Kafka.Client.Protocol;
using Kafka.Client.Testing;

namespace Interop.Tests;

/// <summary>`kafka configs` (kafka-configs.sh) for topics, brokers, groups and SCRAM users, checked through the admin client and a login.</summary>
public class KafkaConfigsTests
{
    [Test]
    public async Task Topic_and_broker_configs_are_described_and_altered()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 1 });
        await cluster.CreateTopicAsync("configured", partitions: 1, replicationFactor: 1);
        string[] common = ["configs", "--bootstrap-server", cluster.BootstrapServers];

        ToolResult altered = await KafkaTool.RunAsync("", [.. common, "--alter", "--entity-type", "topics", "--entity-name", "configured", "--add-config", "retention.ms=60000,cleanup.policy=[compact,delete]"]);
        Assert.That(altered.ExitCode, Is.Zero, altered.ToString());
        Assert.That(altered.Output.Trim(), Is.EqualTo("Completed updating config for topic configured."));

        ToolResult described = await KafkaTool.RunAsync("", [.. common, "--describe", "--topic", "configured"]);
        Assert.That(described.Output, Does.StartWith("Dynamic configs for topic configured are:"));
        Assert.That(described.Output, Does.Contain("  retention.ms=60000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=60000}"));
        Assert.That(described.Output, Does.Contain("cleanup.policy=compact,delete"));

        await using var admin = new KafkaAdminClient(new AdminClientOptions { BootstrapServers = cluster.BootstrapServers });
        DescribeConfigsResult topic = (await admin.DescribeConfigsAsync([ConfigResource.Topic("configured")]))[0];
        Assert.That(topic.Entries["retention.ms"].Value, Is.EqualTo("60000"));

        ToolResult deleted = await KafkaTool.RunAsync("", [.. common, "--alter", "--topic", "configured", "--delete-config", "retention.ms"]);
        Assert.That(deleted.ExitCode, Is.Zero, deleted.ToString());
        topic = (await admin.DescribeConfigsAsync([ConfigResource.Topic("configured")]))[0];
        Assert.That(topic.Entries["retention.ms"].Source, Is.EqualTo(ConfigSource.DefaultConfig));

        ToolResult all = await KafkaTool.RunAsync("", [.. common, "--describe", "--entity-type", "brokers", "--entity-name", cluster.BrokerIds[0].ToString(System.Globalization.CultureInfo.InvariantCulture), "--all"]);
        Assert.That(all.ExitCode, Is.Zero, all.ToString());
        Assert.That(all.Output, Does.StartWith($"All configs for broker {cluster.BrokerIds[0]} are:"));

        ToolResult bad = await KafkaTool.RunAsync("", [.. common, "--alter", "--topic", "configured", "--add-config", "retention.ms"]);
        Assert.That(bad.ExitCode, Is.Not.Zero);
        Assert.That(bad.Error, Does.Contain("is not KEY=VALUE"));
    }

    [Test]
    public async Task Scram_users_are_added_described_and_deleted_and_log_in()
    {
        var options = new EmbeddedKafkaClusterOptions { Brokers = 1 };
        options.Listeners.Add("PLAINTEXT://127.0.0.1:0");
        options.Listeners.Add("SASL_PLAINTEXT://127.0.0.1:0");
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(options);
        string[] common = ["configs", "--bootstrap-server", cluster.BootstrapServers];

        ToolResult added = await KafkaTool.RunAsync("", [.. common, "--alter", "--add-config", "SCRAM-SHA-256=[iterations=8192,password=alice-secret],SCRAM-SHA-512=[password=alice-secret]", "--entity-type", "users", "--entity-name", "alice"]);
        Assert.That(added.ExitCode, Is.Zero, added.ToString());
        Assert.That(added.Output.Trim(), Is.EqualTo("Completed updating config for user alice."));
        Assert.That(added.Output + added.Error, Does.Not.Contain("alice-secret"));

        ToolResult described = await KafkaTool.RunAsync("", [.. common, "--describe", "--entity-type", "users"]);
        Assert.That(described.Output.Trim(), Is.EqualTo("SCRAM credential configs for user-principal 'alice' are SCRAM-SHA-256=iterations=8192, SCRAM-SHA-512=iterations=4096"));

        await using (var alice = new KafkaAdminClient(new AdminClientOptions
        {
            BootstrapServers = cluster.BootstrapServersFor("SASL_PLAINTEXT"), SecurityProtocol = SecurityProtocol.SaslPlaintext,
            SaslMechanism = SaslMechanism.ScramSha256, SaslUsername = "alice", SaslPassword = "alice-secret",
        }))
        {
            await alice.ListTopicsAsync();
        }

        ToolResult deleted = await KafkaTool.RunAsync("", [.. common, "--alter", "--delete-config", "SCRAM-SHA-512", "--user", "alice"]);
        Assert.That(deleted.ExitCode, Is.Zero, deleted.ToString());
        described = await KafkaTool.RunAsync("", [.. common, "--describe", "--user", "alice"]);
        Assert.That(described.Output.Trim(), Is.EqualTo("SCRAM credential configs for user-principal 'alice' are SCRAM-SHA-256=iterations=8192"));

        ToolResult few = await KafkaTool.RunAsync("", [.. common, "--alter", "--add-config", "SCRAM-SHA-256=[iterations=10,password=x]", "--user", "bob"]);
        Assert.That(few.ExitCode, Is.Not.Zero);
        Assert.That(few.Error, Does.Contain(nameof(ErrorCode.UnacceptableCredential)));
    }

    [Test]
    public async Task Group_configs_are_described_altered_validated_and_survive_a_restart()
    {
        string dataDir = Path.Combine(Path.GetTempPath(), "group-configs-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new EmbeddedKafkaClusterOptions { Brokers = 1, DataDirectory = dataDir };
            await using (var cluster = await EmbeddedKafkaCluster.StartAsync(options))
            {
                string[] common = ["configs", "--bootstrap-server", cluster.BootstrapServers];
                ToolResult altered = await KafkaTool.RunAsync("", [.. common, "--alter", "--entity-type", "groups", "--entity-name", "billing", "--add-config", "consumer.session.timeout.ms=50000,consumer.heartbeat.interval.ms=6000"]);
                Assert.That(altered.ExitCode, Is.Zero, altered.ToString());
                Assert.That(altered.Output.Trim(), Is.EqualTo("Completed updating config for group billing."));

                ToolResult described = await KafkaTool.RunAsync("", [.. common, "--describe", "--group", "billing"]);
                Assert.That(described.ExitCode, Is.Zero, described.ToString());
                Assert.That(described.Output, Does.StartWith("Dynamic configs for group billing are:"));
                Assert.That(described.Output, Does.Contain("  consumer.session.timeout.ms=50000 sensitive=false synonyms={DYNAMIC_GROUP_CONFIG:consumer.session.timeout.ms=50000}"));
                Assert.That(described.Output, Does.Not.Contain("share.session.timeout.ms"));

                await using var admin = new KafkaAdminClient(new AdminClientOptions { BootstrapServers = cluster.BootstrapServers });
                DescribeConfigsResult group = (await admin.DescribeConfigsAsync([ConfigResource.Group("billing")]))[0];
                Assert.That(group.Entries["consumer.heartbeat.interval.ms"].Value, Is.EqualTo("6000"));
                Assert.That(group.Entries["consumer.heartbeat.interval.ms"].Source, Is.EqualTo(ConfigSource.GroupConfig));
                Assert.That(group.Entries["share.session.timeout.ms"].Value, Is.EqualTo("45000"));
                Assert.That(group.Entries["share.session.timeout.ms"].Source, Is.EqualTo(ConfigSource.DefaultConfig));

                // Kafka's GroupConfig checks: the broker's bounds, an unknown name, session above heartbeat.
                ToolResult tooLong = await KafkaTool.RunAsync("", [.. common, "--alter", "--group", "billing", "--add-config", "consumer.session.timeout.ms=70000"]);
                Assert.That(tooLong.ExitCode, Is.Not.Zero);
                Assert.That(tooLong.Error, Does.Contain("consumer.session.timeout.ms must be less than or equal to group.consumer.max.session.timeout.ms"));
                ToolResult unknown = await KafkaTool.RunAsync("", [.. common, "--alter", "--group", "billing", "--add-config", "retention.ms=1"]);
                Assert.That(unknown.ExitCode, Is.Not.Zero);
                Assert.That(unknown.Error, Does.Contain("Unknown group config name: retention.ms"));
                ToolResult unset = await KafkaTool.RunAsync("", [.. common, "--alter", "--group", "billing", "--delete-config", "share.session.timeout.ms"]);
                Assert.That(unset.ExitCode, Is.Not.Zero);
                Assert.That(unset.Error, Does.Contain("Invalid config(s): share.session.timeout.ms"));

                ToolResult deleted = await KafkaTool.RunAsync("", [.. common, "--alter", "--group", "billing", "--delete-config", "consumer.heartbeat.interval.ms"]);
                Assert.That(deleted.ExitCode, Is.Zero, deleted.ToString());
            }

            await using (var restarted = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 1, DataDirectory = dataDir }))
            {
                await using var admin = new KafkaAdminClient(new AdminClientOptions { BootstrapServers = restarted.BootstrapServers });
                DescribeConfigsResult group = (await admin.DescribeConfigsAsync([ConfigResource.Group("billing")]))[0];
                Assert.That(group.Entries["consumer.session.timeout.ms"].Value, Is.EqualTo("50000"));
                Assert.That(group.Entries["consumer.heartbeat.interval.ms"].Source, Is.EqualTo(ConfigSource.DefaultConfig));
            }
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
