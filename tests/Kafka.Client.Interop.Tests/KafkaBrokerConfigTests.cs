using System.Diagnostics;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Interop.Tests;

/// <summary>`kafka broker --config server.properties` and `--data-dir`, run as a user runs them, checked with Confluent.Kafka.</summary>
public class KafkaBrokerConfigTests
{
    [Test]
    public async Task A_server_properties_sets_ids_listeners_and_defaults_and_warns_about_unknown_keys()
    {
        using var data = new TemporaryDirectory();
        using var config = new TemporaryFile();
        // Kafka 4's seed file (config/server.properties), trimmed, with a controller listener the embedded broker leaves out.
        await File.WriteAllTextAsync(config.Path, $"""
            process.roles=broker,controller
            node.id=7
            listeners=PLAINTEXT://127.0.0.1:0,CONTROLLER://:9093
            controller.listener.names=CONTROLLER
            listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
            num.network.threads=3
            log.dirs={data.Path}
            num.partitions=3
            default.replication.factor=2
            my.secret.setting=hunter2-secret
            """);

        await using var broker = await BrokerProcess.StartAsync("--config", config.Path, "--brokers", "2");

        using IAdminClient admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = broker.BootstrapServers }).Build();
        Metadata metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        Assert.That(metadata.Brokers.Select(b => b.BrokerId).Order(), Is.EqualTo(new[] { 7, 8 }), "node.id is the first broker's id");

        using (IProducer<Null, string> producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build())
        {
            await producer.ProduceAsync("auto-created", new Message<Null, string> { Value = "x" });
        }

        TopicMetadata topic = admin.GetMetadata("auto-created", TimeSpan.FromSeconds(10)).Topics.Single();
        Assert.That(topic.Partitions, Has.Count.EqualTo(3), "num.partitions");
        Assert.That(topic.Partitions.All(p => p.Replicas.Length == 2), Is.True, "default.replication.factor");
        Assert.That(Directory.EnumerateDirectories(data.Path).Select(Path.GetFileName), Does.Contain("auto-created-0"), "log.dirs is the data directory");

        await Kafka.Client.TestSupport.Eventually.WaitUntilAsync(() => broker.ErrorOutput.Any(l => l.Contains("The configuration 'my.secret.setting' was supplied but isn't a known config.", StringComparison.Ordinal)), () => "the warning about the unknown key", seconds: 10);
        Assert.That(broker.ErrorOutput.Single(l => l.Contains("my.secret.setting", StringComparison.Ordinal)), Does.Contain("warn"));
        Assert.That(broker.ErrorOutput, Has.None.Contains("process.roles' was supplied").And.None.Contains("hunter2-secret"), "Kafka's own keys are no warning; values are never printed");
        Assert.That(await broker.StopAsync(), Is.Zero);
    }

    [Test]
    public async Task Flags_win_over_the_file()
    {
        using var fromFile = new TemporaryDirectory();
        using var fromFlag = new TemporaryDirectory();
        using var config = new TemporaryFile();
        await File.WriteAllTextAsync(config.Path, $"broker.id=3\nport=1\nnum.partitions=3\nlog.dir={fromFile.Path}\nauto.create.topics.enable=true\n");

        await using var broker = await BrokerProcess.StartAsync("--config", config.Path, "--port", "0", "--num-partitions", "2", "--data-dir", fromFlag.Path, "--broker-ids", "5", "--quiet");

        using (IProducer<Null, string> producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build())
        {
            await producer.ProduceAsync("overridden", new Message<Null, string> { Value = "x" });
        }

        using IAdminClient admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = broker.BootstrapServers }).Build();
        Metadata metadata = admin.GetMetadata("overridden", TimeSpan.FromSeconds(10));
        Assert.That(metadata.Brokers.Single().BrokerId, Is.EqualTo(5));
        Assert.That(metadata.Topics.Single().Partitions, Has.Count.EqualTo(2));
        Assert.That(Directory.Exists(Path.Combine(fromFlag.Path, "overridden-0")), Is.True);
        Assert.That(Directory.EnumerateFileSystemEntries(fromFile.Path), Is.Empty);
    }

    [Test]
    public async Task The_data_directory_keeps_topics_records_offsets_and_deleted_records_across_a_restart()
    {
        using var data = new TemporaryDirectory();
        string[] arguments = ["--port", "0", "--data-dir", data.Path, "--quiet"];
        string topicId;
        await using (var first = await BrokerProcess.StartAsync(arguments))
        {
            using IAdminClient admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = first.BootstrapServers }).Build();
            await admin.CreateTopicsAsync([new TopicSpecification { Name = "kept", NumPartitions = 2, ReplicationFactor = 1, Configs = new() { ["retention.ms"] = "86400000" } }]);
            using (IProducer<Null, string> producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = first.BootstrapServers }).Build())
            {
                for (int i = 0; i < 5; i++)
                {
                    await producer.ProduceAsync(new TopicPartition("kept", 0), new Message<Null, string> { Value = $"m{i}" });
                }
            }

            await admin.DeleteRecordsAsync([new TopicPartitionOffset("kept", 0, 2)]);
            await admin.AlterConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitionOffsets("keeper", [new TopicPartitionOffset("kept", 0, 4)])]);
            topicId = (await admin.DescribeTopicsAsync(TopicCollection.OfTopicNames(["kept"]))).TopicDescriptions.Single().TopicId.ToString();
            Assert.That(await first.StopAsync(), Is.Zero);
        }

        await using var second = await BrokerProcess.StartAsync(arguments);
        using IAdminClient again = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = second.BootstrapServers }).Build();
        Assert.That((await again.DescribeTopicsAsync(TopicCollection.OfTopicNames(["kept"]))).TopicDescriptions.Single().TopicId.ToString(), Is.EqualTo(topicId));
        DescribeConfigsResult configs = (await again.DescribeConfigsAsync([new ConfigResource { Type = ResourceType.Topic, Name = "kept" }])).Single();
        Assert.That(configs.Entries["retention.ms"].Value, Is.EqualTo("86400000"));
        ListConsumerGroupOffsetsResult offsets = (await again.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions("keeper", [new TopicPartition("kept", 0)])])).Single();
        Assert.That(offsets.Partitions.Single().Offset.Value, Is.EqualTo(4));

        using IConsumer<Ignore, string> consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig { BootstrapServers = second.BootstrapServers, GroupId = "restart-check" }).Build();
        WatermarkOffsets marks = consumer.QueryWatermarkOffsets(new TopicPartition("kept", 0), TimeSpan.FromSeconds(10));
        Assert.That((marks.Low.Value, marks.High.Value), Is.EqualTo((2L, 5L)), "records and the log start offset");
        consumer.Assign(new TopicPartitionOffset("kept", 0, Offset.Beginning));
        Assert.That(consumer.Consume(TimeSpan.FromSeconds(10))?.Message.Value, Is.EqualTo("m2"));
    }

    [TestCase("num.partitions=many", "Invalid value many for configuration num.partitions: Not a number of type INT")]
    [TestCase("auto.create.topics.enable=sometimes", "Invalid value sometimes for configuration auto.create.topics.enable: Expected value to be either true or false")]
    [TestCase("node.id=1\nbroker.id=2", "broker.id (2) must be equal to node.id (1).")]
    [TestCase("log.dirs=/tmp/a,/tmp/b", "the embedded cluster keeps its data in one directory")]
    [TestCase("listeners=QUIC://127.0.0.1:0", "expected PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL")]
    public async Task A_bad_value_fails_with_one_line(string properties, string expected)
    {
        using var config = new TemporaryFile();
        await File.WriteAllTextAsync(config.Path, properties + "\n");
        var clock = Stopwatch.StartNew();

        ToolResult result = await KafkaTool.RunAsync("", "broker", "--config", config.Path, "--port", "0");

        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.ErrorLines.Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToArray(), Has.Length.EqualTo(1).And.Some.Contain(expected), result.ToString());
        Assert.That(result.AllOutput, Does.Not.Contain("   at "));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)));
    }

    [Test]
    public async Task A_missing_config_file_fails_with_exit_code_2()
    {
        ToolResult result = await KafkaTool.RunAsync("", "broker", "--config", "/no/such/server.properties");

        KafkaToolErrorTests.AssertOneErrorLine(result, 2, "File does not exist: '/no/such/server.properties'");
    }
}
