namespace Kafka.Client.Tests.Options;

/// <summary>ProducerOptions from and to Kafka property names.</summary>
public class ProducerOptionsPropertiesTests
{
    // Kafka 4.0 ProducerConfig.java / CommonClientConfigs.java; linger.ms 5 since KIP-1030 (KAFKA-16368).
    [TestCase("acks", "all")]
    [TestCase("linger.ms", "5")]
    [TestCase("batch.size", "16384")]
    [TestCase("enable.idempotence", "true")]
    [TestCase("retries", "2147483647")]
    [TestCase("delivery.timeout.ms", "120000")]
    [TestCase("request.timeout.ms", "30000")]
    [TestCase("buffer.memory", "33554432")]
    [TestCase("compression.type", "none")]
    [TestCase("max.request.size", "1048576")]
    [TestCase("max.block.ms", "60000")]
    [TestCase("max.in.flight.requests.per.connection", "5")]
    [TestCase("metadata.max.age.ms", "300000")]
    [TestCase("metadata.max.idle.ms", "300000")]
    [TestCase("retry.backoff.ms", "100")]
    [TestCase("retry.backoff.max.ms", "1000")]
    [TestCase("reconnect.backoff.ms", "50")]
    [TestCase("reconnect.backoff.max.ms", "1000")]
    [TestCase("socket.connection.setup.timeout.ms", "10000")]
    [TestCase("socket.connection.setup.timeout.max.ms", "30000")]
    [TestCase("connections.max.idle.ms", "540000")]
    [TestCase("transaction.timeout.ms", "60000")]
    [TestCase("partitioner.ignore.keys", "false")]
    [TestCase("partitioner.adaptive.partitioning.enable", "true")]
    [TestCase("partitioner.availability.timeout.ms", "0")]
    [TestCase("client.id", "")]
    public void Defaults_are_the_Java_client_defaults(string name, string value) =>
        Assert.That(new ProducerOptions().ToProperties()[name], Is.EqualTo(value));

    [Test]
    public void Unset_options_are_left_out_of_the_properties()
    {
        IReadOnlyDictionary<string, string> properties = new ProducerOptions().ToProperties();
        Assert.That(properties.Keys, Has.None.EqualTo("transactional.id").And.None.EqualTo("partitioner").And.None.EqualTo("compression.gzip.level"));
    }

    [Test]
    public void Java_property_names_set_the_options()
    {
        ProducerOptions options = ProducerOptions.FromProperties(new Dictionary<string, string>
        {
            ["bootstrap.servers"] = "a:9092,b:9092",
            ["client.id"] = "orders-service",
            ["acks"] = "1",
            ["linger.ms"] = " 20 ",
            ["batch.size"] = "65536",
            ["enable.idempotence"] = "FALSE",
            ["retries"] = "3",
            ["compression.type"] = "lz4",
            ["max.in.flight.requests.per.connection"] = "10",
            ["transaction.timeout.ms"] = "900000",
            ["partitioner.ignore.keys"] = "true",
        });
        Assert.Multiple(() =>
        {
            Assert.That(options.BootstrapServers, Is.EqualTo("a:9092,b:9092"));
            Assert.That(options.ClientId, Is.EqualTo("orders-service"));
            Assert.That(options.Acks, Is.EqualTo(Acks.Leader));
            Assert.That(options.LingerMs, Is.EqualTo(20));
            Assert.That(options.BatchSize, Is.EqualTo(65536));
            Assert.That(options.EnableIdempotence, Is.False);
            Assert.That(options.Retries, Is.EqualTo(3));
            Assert.That(options.CompressionType, Is.EqualTo(CompressionType.Lz4));
            Assert.That(options.MaxInFlightRequestsPerConnection, Is.EqualTo(10));
            Assert.That(options.TransactionTimeoutMs, Is.EqualTo(900000));
            Assert.That(options.PartitionerIgnoreKeys, Is.True);
        });
        Assert.DoesNotThrow(options.Validate);
    }

    [TestCase("all", Acks.All)]
    [TestCase("-1", Acks.All)]
    [TestCase("0", Acks.None)]
    [TestCase("1", Acks.Leader)]
    [TestCase("ALL", Acks.All)]
    public void Every_acks_spelling_is_accepted(string value, Acks expected) =>
        Assert.That(ProducerOptions.FromProperties(Props(("acks", value))).Acks, Is.EqualTo(expected));

    [TestCase("murmur2", Partitioner.Murmur2)]
    [TestCase("murmur2_random", Partitioner.Murmur2Random)]
    [TestCase("consistent", Partitioner.Consistent)]
    [TestCase("consistent_random", Partitioner.ConsistentRandom)]
    [TestCase("random", Partitioner.Random)]
    [TestCase("fnv1a", Partitioner.Fnv1a)]
    [TestCase("fnv1a_random", Partitioner.Fnv1aRandom)]
    public void The_librdkafka_partitioner_names_are_accepted_and_printed(string value, Partitioner expected)
    {
        ProducerOptions options = ProducerOptions.FromProperties(Props(("partitioner", value)));
        Assert.That(options.Partitioner, Is.EqualTo(expected));
        Assert.That(options.ToProperties()["partitioner"], Is.EqualTo(value));
    }

    [Test]
    public void An_unknown_property_name_is_named_in_the_error()
    {
        Assert.That(() => ProducerOptions.FromProperties(Props(("linger.ms", "1"), ("lingerr.ms", "1"))),
            Throws.ArgumentException.With.Message.Contains("'lingerr.ms'"));
        Assert.That(() => ProducerOptions.FromProperties(Props(("Linger.ms", "1"))),
            Throws.ArgumentException.With.Message.Contains("'Linger.ms'"), "names are case-sensitive, as in Java");
        Assert.That(() => ProducerOptions.FromProperties(Props(("group.id", "g"))),
            Throws.ArgumentException.With.Message.Contains("'group.id'"), "a consumer property");
    }

    [TestCase("linger.ms", "soon")]
    [TestCase("linger.ms", "-1")]
    [TestCase("batch.size", "2147483648")]
    [TestCase("acks", "2")]
    [TestCase("enable.idempotence", "yes")]
    [TestCase("compression.type", "brotli")]
    [TestCase("max.in.flight.requests.per.connection", "0")]
    [TestCase("partitioner", "default")]
    [TestCase("transactional.id", "")]
    [TestCase("compression.lz4.level", "18")]
    [TestCase("compression.gzip.level", "0")]
    [TestCase("metadata.max.idle.ms", "4999")]
    [TestCase("connections.max.idle.ms", "-2")]
    public void An_invalid_value_is_named_with_its_key_in_the_error(string name, string value) =>
        Assert.That(() => ProducerOptions.FromProperties(Props((name, value))),
            Throws.ArgumentException.With.Message.Contains($"'{value}'").And.Message.Contains($"'{name}'"));

    [Test]
    public void A_null_value_is_named_with_its_key_in_the_error() =>
        Assert.That(() => ProducerOptions.FromProperties([new KeyValuePair<string, string>("acks", null!)]),
            Throws.ArgumentException.With.Message.Contains("'acks'"));

    [Test]
    public void A_later_value_for_the_same_name_wins() =>
        Assert.That(ProducerOptions.FromProperties(Props(("linger.ms", "1"), ("linger.ms", "2"))).LingerMs, Is.EqualTo(2));

    [Test]
    public void Only_the_level_of_the_chosen_codec_is_used()
    {
        ProducerOptions zstd = ProducerOptions.FromProperties(Props(
            ("compression.gzip.level", "9"), ("compression.zstd.level", "-5"), ("compression.type", "zstd")));
        ProducerOptions gzip = ProducerOptions.FromProperties(Props(("compression.type", "gzip"), ("compression.lz4.level", "12")));
        Assert.Multiple(() =>
        {
            Assert.That(zstd.CompressionLevel, Is.EqualTo(-5));
            Assert.That(zstd.ToProperties()["compression.zstd.level"], Is.EqualTo("-5"));
            Assert.That(zstd.ToProperties().ContainsKey("compression.gzip.level"), Is.False);
            Assert.That(gzip.CompressionLevel, Is.Null, "an lz4 level does not apply to gzip");
        });
    }

    [Test]
    public void Printed_properties_read_back_to_the_same_options()
    {
        var options = new ProducerOptions
        {
            BootstrapServers = "[::1]:9092",
            Acks = Acks.None,
            LingerMs = 0,
            EnableIdempotence = false,
            CompressionType = CompressionType.Gzip,
            CompressionLevel = 9,
            Partitioner = Partitioner.ConsistentRandom,
            TransactionalId = "tx",
            MaxBlockMs = 1,
        };
        IReadOnlyDictionary<string, string> printed = options.ToProperties();
        Assert.That(ProducerOptions.FromProperties(printed.ToDictionary()).ToProperties(), Is.EqualTo(printed));
    }

    private static List<KeyValuePair<string, string>> Props(params (string Key, string Value)[] pairs) =>
        [.. pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))];
}
