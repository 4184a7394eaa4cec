namespace Kafka.Client.Tests.Options;

/// <summary>ProducerOptions.Validate: ranges and the Java client's rules between options.</summary>
public class ProducerOptionsValidationTests
{
    [Test]
    public void Defaults_with_bootstrap_servers_are_valid_and_idempotent()
    {
        var options = Valid();
        Assert.DoesNotThrow(options.Validate);
        Assert.That(options.IdempotenceEnabled, Is.True);
    }

    [TestCase("")]
    [TestCase(" , ")]
    [TestCase("localhost")]
    [TestCase("localhost:")]
    [TestCase("localhost:99999")]
    [TestCase("::1:9092")]
    [TestCase("bad host:9092")]
    public void Bootstrap_servers_must_be_host_port_pairs(string servers) =>
        Assert.That(() => new ProducerOptions { BootstrapServers = servers }.Validate(),
            Throws.ArgumentException.With.Message.Contains("bootstrap.servers"));

    [TestCase("broker:9092")]
    [TestCase("a:1, b:2,")]
    [TestCase("[::1]:9092")]
    [TestCase("SASL_SSL://broker.example.com:9093")]
    [TestCase("10.0.0.1:9092,my_host-2.local:19092")]
    public void Bootstrap_servers_accept_what_Java_accepts(string servers) =>
        Assert.DoesNotThrow(new ProducerOptions { BootstrapServers = servers }.Validate);

    [Test]
    public void Explicit_idempotence_with_acks_other_than_all_names_both_options()
    {
        var options = Valid();
        options.EnableIdempotence = true;
        options.Acks = Acks.Leader;
        Assert.That(options.Validate, Throws.ArgumentException.With.Message.Contains("acks=1").And.Message.Contains("enable.idempotence=true"));
    }

    [Test]
    public void Default_idempotence_is_silently_off_with_acks_other_than_all()
    {
        var options = Valid();
        options.Acks = Acks.None;
        Assert.DoesNotThrow(options.Validate);
        Assert.That(options.IdempotenceEnabled, Is.False);
        Assert.That(options.EnableIdempotence, Is.True, "the configured value is kept");
    }

    [Test]
    public void Explicit_idempotence_with_no_retries_is_an_error_and_default_idempotence_turns_off()
    {
        var explicitly = Valid();
        explicitly.EnableIdempotence = true;
        explicitly.Retries = 0;
        Assert.That(explicitly.Validate, Throws.ArgumentException.With.Message.Contains("retries"));

        var byDefault = Valid();
        byDefault.Retries = 0;
        Assert.DoesNotThrow(byDefault.Validate);
        Assert.That(byDefault.IdempotenceEnabled, Is.False);
    }

    [Test]
    public void Idempotence_set_by_property_counts_as_explicit() =>
        Assert.That(() => ProducerOptions.FromProperties(new Dictionary<string, string>
        {
            ["bootstrap.servers"] = "b:9092",
            ["enable.idempotence"] = "true",
            ["acks"] = "0",
        }).Validate(), Throws.ArgumentException.With.Message.Contains("acks=0"));

    [Test]
    public void More_than_five_in_flight_requests_need_idempotence_turned_off()
    {
        // Kafka 4.0 (KAFKA-17927): an error even when enable.idempotence is only defaulted, and even if acks=1 then
        // turns idempotence off, because Java checks before it applies that.
        var byDefault = Valid();
        byDefault.MaxInFlightRequestsPerConnection = 6;
        Assert.That(byDefault.Validate, Throws.ArgumentException.With.Message.Contains("max.in.flight.requests.per.connection").And.Message.Contains("6"));

        var withAcks1 = Valid();
        withAcks1.MaxInFlightRequestsPerConnection = 6;
        withAcks1.Acks = Acks.Leader;
        Assert.That(withAcks1.Validate, Throws.ArgumentException);

        var disabled = Valid();
        disabled.MaxInFlightRequestsPerConnection = 6;
        disabled.EnableIdempotence = false;
        Assert.DoesNotThrow(disabled.Validate);
    }

    [Test]
    public void A_transactional_id_needs_idempotence()
    {
        var disabled = Valid();
        disabled.TransactionalId = "tx";
        disabled.EnableIdempotence = false;
        Assert.That(disabled.Validate, Throws.ArgumentException.With.Message.Contains("transactional.id"));

        var turnedOff = Valid();
        turnedOff.TransactionalId = "tx";
        turnedOff.Acks = Acks.Leader;
        Assert.That(turnedOff.Validate, Throws.ArgumentException.With.Message.Contains("transactional.id"));

        var fine = Valid();
        fine.TransactionalId = "tx";
        Assert.DoesNotThrow(fine.Validate);
    }

    [Test]
    public void An_explicit_delivery_timeout_below_linger_plus_request_timeout_is_an_error()
    {
        var options = Valid();
        options.DeliveryTimeoutMs = 30_000;
        Assert.That(options.Validate, Throws.ArgumentException.With.Message.Contains("delivery.timeout.ms (30000)").And.Message.Contains("linger.ms (5)"));
    }

    [Test]
    public void A_default_delivery_timeout_grows_to_linger_plus_request_timeout()
    {
        var options = Valid();
        options.RequestTimeoutMs = 200_000;
        Assert.DoesNotThrow(options.Validate);
        Assert.That(options.EffectiveDeliveryTimeoutMs, Is.EqualTo(200_005));
        Assert.That(Valid().EffectiveDeliveryTimeoutMs, Is.EqualTo(120_000));
    }

    [TestCase(CompressionType.Gzip, 10, "compression.gzip.level")]
    [TestCase(CompressionType.Lz4, 0, "compression.lz4.level")]
    [TestCase(CompressionType.Zstd, 23, "compression.zstd.level")]
    public void A_level_outside_the_codec_range_is_an_error(CompressionType codec, int level, string name)
    {
        var options = Valid();
        options.CompressionType = codec;
        options.CompressionLevel = level;
        Assert.That(options.Validate, Throws.ArgumentException.With.Message.Contains(name).And.Message.Contains($"'{level}'"));
    }

    [Test]
    public void A_level_is_ignored_for_codecs_without_levels()
    {
        var options = Valid();
        options.CompressionType = CompressionType.Snappy;
        options.CompressionLevel = 99;
        Assert.DoesNotThrow(options.Validate);
    }

    [Test]
    public void Values_set_in_code_are_range_checked_with_their_Kafka_names()
    {
        var options = Valid();
        options.LingerMs = -1;
        Assert.That(options.Validate, Throws.ArgumentException.With.Message.Contains("'linger.ms'").And.Message.Contains("'-1'"));

        var acks = Valid();
        acks.Acks = (Acks)7;
        Assert.That(acks.Validate, Throws.ArgumentException.With.Message.Contains("'acks'"));
    }

    [Test]
    public void An_empty_client_id_becomes_the_Java_client_generated_name()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Valid().ResolveClientId(), Does.Match(@"^producer-\d+$"));
            Assert.That(new ProducerOptions { TransactionalId = "orders-tx" }.ResolveClientId(), Is.EqualTo("producer-orders-tx"));
            Assert.That(new ProducerOptions { ClientId = "mine" }.ResolveClientId(), Is.EqualTo("mine"));
        });
        string first = Valid().ResolveClientId();
        string second = Valid().ResolveClientId();
        Assert.That(second, Is.Not.EqualTo(first), "each producer gets the next number");
    }

    private static ProducerOptions Valid() => new() { BootstrapServers = "broker:9092" };
}
