namespace Interop.Tests.Security;

/// <summary>
/// `kafka broker` with a SASL_SSL listener, its users and its CA written to a file, as a user starts it; the tool's
/// verbs reach it with `--command-config client.properties`, and kcat with the same properties.
/// </summary>
public class KafkaToolSecurityTests
{
    [Test]
    public async Task A_sasl_ssl_broker_serves_the_tool_with_a_command_config_and_kcat()
    {
        using var ca = new TemporaryFile();
        await using var broker = await BrokerProcess.StartAsync(
            "--brokers", "2", "--listener", "SASL_SSL://127.0.0.1:0", "--listener", "PLAINTEXT://127.0.0.1:0",
            "--sasl-user", "alice:alice-secret", "--sasl-user", "bob:bob:with:colons", "--sasl-user", "carol:carol-secret", "--write-ca", ca.Path,
            "--sasl-enabled-mechanisms", "PLAIN,SCRAM-SHA-512,oauthbearer", "--acls", "--super-user", "User:alice", "--super-user", "User:bob", "--quiet");
        string saslSsl = broker.BootstrapServersFor("SASL_SSL");
        Assert.That(broker.BootstrapServers, Is.EqualTo(saslSsl), "the first listener's addresses on the ready line");
        Assert.That(saslSsl.Split(','), Has.Length.EqualTo(2));
        Assert.That(await File.ReadAllTextAsync(ca.Path), Does.StartWith("-----BEGIN CERTIFICATE-----"));

        using var config = new TemporaryFile();
        await File.WriteAllLinesAsync(config.Path,
        [
            "security.protocol=SASL_SSL", "sasl.mechanism=SCRAM-SHA-512", $"ssl.ca.location={ca.Path}",
            "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"bob\" password=\"bob:with:colons\";",
        ]);
        ToolResult created = await KafkaTool.RunAsync("", "topics", "--bootstrap-server", saslSsl, "--command-config", config.Path,
            "--create", "--topic", "secured", "--partitions", "2", "--replication-factor", "2");
        Assert.That(created.ExitCode, Is.Zero, created.ToString());

        ToolResult produced = await KafkaTool.RunAsync("one\ntwo\nthree\n", "produce", "--bootstrap-server", saslSsl, "--topic", "secured", "--command-config", config.Path);
        Assert.That(produced.ExitCode, Is.Zero, produced.ToString());

        ToolResult consumed = await ToolProcess.RunAsync("kcat",
        [
            "-b", saslSsl, "-X", "security.protocol=SASL_SSL", "-X", "sasl.mechanisms=PLAIN", "-X", "sasl.username=alice",
            "-X", "sasl.password=alice-secret", "-X", $"ssl.ca.location={ca.Path}", "-C", "-t", "secured", "-e", "-f", "%s\n",
        ], missingHint: "`apt-get install -y kcat` (.ci/run does this)");
        Assert.That(consumed.ExitCode, Is.Zero, consumed.ToString());
        Assert.That(consumed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EquivalentTo(new[] { "one", "two", "three" }));

        // carol has no ACL: with --acls the topic is hidden from her.
        await File.WriteAllLinesAsync(config.Path, ["security.protocol=SASL_SSL", "sasl.mechanism=PLAIN", $"ssl.ca.location={ca.Path}", "sasl.username=carol", "sasl.password=carol-secret"]);
        ToolResult hidden = await KafkaTool.RunAsync("", "topics", "--bootstrap-server", saslSsl, "--command-config", config.Path, "--list");
        Assert.That(hidden.ExitCode, Is.Zero, hidden.ToString());
        Assert.That(hidden.Output.Trim(), Is.Empty);

        // OAUTHBEARER is offered: kcat with an unsecured token for alice (a super user) reads the topic.
        ToolResult oauth = await ToolProcess.RunAsync("kcat",
        [
            "-b", saslSsl, "-X", "security.protocol=SASL_SSL", "-X", "sasl.mechanisms=OAUTHBEARER", "-X", "enable.sasl.oauthbearer.unsecure.jwt=true",
            "-X", "sasl.oauthbearer.config=principal=alice", "-X", $"ssl.ca.location={ca.Path}", "-C", "-t", "secured", "-e", "-f", "%s\n",
        ], missingHint: "`apt-get install -y kcat` (.ci/run does this)");
        Assert.That(oauth.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(3), oauth.ToString());

        await File.WriteAllLinesAsync(config.Path, ["security.protocol=SASL_SSL", "sasl.mechanism=PLAIN", $"ssl.ca.location={ca.Path}", "sasl.username=alice", "sasl.password=wrong-one"]);
        ToolResult denied = await KafkaTool.RunAsync("", "topics", "--bootstrap-server", saslSsl, "--command-config", config.Path, "--list");
        Assert.That(denied.ExitCode, Is.Not.Zero, denied.ToString());
        Assert.That(denied.Error, Does.Contain("uthentication").And.Not.Contain("wrong-one"), denied.ToString());
        Assert.That(await broker.StopAsync(), Is.Zero);
    }
}
