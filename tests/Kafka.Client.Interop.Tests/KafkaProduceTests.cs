using System.Text;
using Confluent.Kafka;
using Kafka.Client.Testing;
using Codec = Kafka.Client.Protocol.CompressionCodec;

namespace Interop.Tests;

/// <summary>`kafka produce` (the console producer) run as its own process: what it writes, and how.</summary>
public class KafkaProduceTests
{
    [Test]
    public async Task Lines_from_stdin_reach_kafka_broker_in_order_with_their_keys()
    {
        await using var broker = await BrokerProcess.StartAsync("--brokers", "3", "--port", "0", "--quiet");
        string[] lines = [.. Enumerable.Range(0, 200).Select(i => $"key-{i % 7}:value {i}")];

        ToolResult produced = await KafkaTool.RunAsync(string.Join('\n', lines) + "\n",
            "produce", "--bootstrap-server", broker.BootstrapServers, "--topic", "console",
            "--property", "parse.key=true", "--property", "key.separator=:", "--acks", "all");

        Assert.That(produced.ExitCode, Is.Zero, produced.ToString());
        Assert.That(produced.Output, Is.Empty, "no progress line when stdout is not a terminal");
        Assert.That(produced.Error, Is.Empty);
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            GroupId = "verify-console",
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(new TopicPartitionOffset("console", 0, Offset.Beginning));
        var received = new List<string>();
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (received.Count < lines.Length && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromSeconds(1)) is { IsPartitionEOF: false } result)
            {
                received.Add($"{result.Message.Key}:{result.Message.Value}");
            }
        }

        Assert.That(received, Is.EqualTo(lines));
        Assert.That(await broker.StopAsync(), Is.Zero);
    }

    [Test]
    public async Task Headers_null_markers_and_ignore_error_follow_Kafkas_line_reader()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync();
        const string input = "h1:a,h2\tk1=v1\n" + "h1:NULL\tNULL=v2\n" + "\tk3=NULL\n" + "no separators at all\n";

        ToolResult produced = await KafkaTool.RunAsync(input,
            "produce", "--bootstrap-server", cluster.BootstrapServers, "--topic", "parsed",
            "--property", "parse.headers=true", "--property", "parse.key=true", "--property", "key.separator==",
            "--property", "null.marker=NULL", "--property", "ignore.error=true");

        Assert.That(produced.ExitCode, Is.Zero, produced.ToString());
        Assert.That(Stored(cluster, "parsed").Select(r => r.ToString()), Is.EqualTo(new[]
        {
            "k1 = v1 [h1:a h2:(null)]",
            "(null) = v2 [h1:(null)]",
            "k3 = (null) []",
            "(null) = no separators at all []",
        }));
    }

    [TestCase(new string[0], Codec.None)]
    [TestCase(new[] { "--compression-type", "zstd" }, Codec.Zstd)]
    [TestCase(new[] { "--compression-codec" }, Codec.Gzip)]
    [TestCase(new[] { "--producer-property", "compression.type=snappy" }, Codec.Snappy)]
    [TestCase(new[] { "--producer-property", "compression.type=snappy", "--compression-type", "lz4" }, Codec.Lz4)]
    public async Task A_file_is_produced_line_by_line_with_the_codec_the_flags_choose(string[] flags, Codec codec)
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync();
        using var file = new TemporaryFile();
        await File.WriteAllLinesAsync(file.Path, Enumerable.Range(0, 5_000).Select(i => $"line {i}"));

        ToolResult produced = await KafkaTool.RunAsync("",
            ["produce", "--bootstrap-server", cluster.BootstrapServers, "--topic", "from-file", "--acks", "1", .. flags, "--file", file.Path]);

        Assert.That(produced.ExitCode, Is.Zero, produced.ToString());
        Assert.That(produced.Output, Is.Empty, "no progress line when stdout is not a terminal");
        List<StoredRecord> stored = Stored(cluster, "from-file");
        Assert.That(stored.Select(r => r.Value), Is.EqualTo(Enumerable.Range(0, 5_000).Select(i => $"line {i}")));
        Assert.That(stored.Select(r => r.Codec).Distinct(), Is.EqualTo(new[] { codec }));
    }

    [Test]
    public async Task Producer_config_file_properties_apply_and_flags_win_over_them()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync();
        using var config = new TemporaryFile();
        await File.WriteAllTextAsync(config.Path, "# as Kafka's tools read it\ncompression.type = snappy\nlinger.ms: 5\n\n! another comment\nacks=all\n");

        ToolResult fromFile = await KafkaTool.RunAsync("a\n",
            "produce", "--bootstrap-server", cluster.BootstrapServers, "--topic", "configured", "--producer.config", config.Path);
        ToolResult flagWins = await KafkaTool.RunAsync("b\n",
            "produce", "--bootstrap-server", cluster.BootstrapServers, "--topic", "configured", "--producer.config", config.Path, "--compression-type", "gzip");

        Assert.That(fromFile.ExitCode, Is.Zero, fromFile.ToString());
        Assert.That(flagWins.ExitCode, Is.Zero, flagWins.ToString());
        Assert.That(Stored(cluster, "configured").Select(r => (r.Value, r.Codec)), Is.EqualTo(new[] { ("a", Codec.Snappy), ("b", Codec.Gzip) }));
    }

    [Test]
    public async Task A_file_shows_a_progress_line_on_a_terminal()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync();
        using var file = new TemporaryFile();
        await File.WriteAllLinesAsync(file.Path, Enumerable.Range(0, 3_000).Select(i => $"line {i}"));
        string command = $"dotnet '{KafkaTool.Dll}' produce --bootstrap-server {cluster.BootstrapServers} --topic progress --file '{file.Path}'";

        // script(1) (util-linux) runs the tool on a pseudo-terminal, as in an interactive shell.
        ToolResult run = await ToolProcess.RunAsync("script", ["--quiet", "--return", "--command", command, "/dev/null"]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        string last = run.Output.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.That(last, Does.Match(@"^3,000 messages, [0-9]+\.[0-9] MB, [0-9]+\.[0-9] MB/s$"));
        Assert.That(Stored(cluster, "progress"), Has.Count.EqualTo(3_000));
    }

    [Test]
    public async Task Sync_mode_sends_each_line_and_waits_for_it()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync();

        ToolResult produced = await KafkaTool.RunAsync("one\ntwo\nthree\n",
            "produce", "--bootstrap-server", cluster.BootstrapServers, "--topic", "sync", "--sync");

        Assert.That(produced.ExitCode, Is.Zero, produced.ToString());
        Assert.That(cluster.ReadBatches("sync", 0), Has.Count.EqualTo(3), "one batch per message");
        Assert.That(Stored(cluster, "sync").Select(r => r.Value), Is.EqualTo(new[] { "one", "two", "three" }));
    }

    /// <summary>A record of partition 0 as the cluster stored it.</summary>
    internal sealed record StoredRecord(string? Key, string? Value, string Headers, Codec Codec)
    {
        public override string ToString() => $"{Key ?? "(null)"} = {Value ?? "(null)"} [{Headers}]";
    }

    internal static List<StoredRecord> Stored(EmbeddedKafkaCluster cluster, string topic)
    {
        var records = new List<StoredRecord>();
        foreach (ReadOnlyMemory<byte> batches in cluster.ReadBatches(topic, 0))
        {
            foreach (Kafka.Client.Protocol.RecordBatch batch in new Kafka.Client.Protocol.RecordBatchReader(batches))
            {
                foreach (Kafka.Client.Protocol.Record record in batch.GetRecords())
                {
                    var headers = new List<string>();
                    foreach (Kafka.Client.Protocol.RecordHeaderView header in record.Headers)
                    {
                        headers.Add($"{header.GetKey()}:{(header.IsValueNull ? "(null)" : Encoding.UTF8.GetString(header.Value))}");
                    }

                    records.Add(new StoredRecord(
                        record.IsKeyNull ? null : Encoding.UTF8.GetString(record.Key),
                        record.IsValueNull ? null : Encoding.UTF8.GetString(record.Value),
                        string.Join(' ', headers),
                        batch.Compression));
                }
            }
        }

        return records;
    }
}
