namespace Kafka.Client.Tests.Options;

/// <summary>ConsumerOptions: defaults, Kafka property names and validation.</summary>
public class ConsumerOptionsTests
{
    // Kafka 4.0 ConsumerConfig.java; queued.max.messages.kbytes is librdkafka's (CONFIGURATION.md).
    [TestCase("auto.offset.reset", "latest")]
    [TestCase("enable.auto.commit", "true")]
    [TestCase("auto.commit.interval.ms", "5000")]
    [TestCase("session.timeout.ms", "45000")]
    [TestCase("heartbeat.interval.ms", "3000")]
    [TestCase("max.poll.interval.ms", "300000")]
    [TestCase("fetch.min.bytes", "1")]
    [TestCase("fetch.max.wait.ms", "500")]
    [TestCase("fetch.max.bytes", "52428800")]
    [TestCase("max.partition.fetch.bytes", "1048576")]
    [TestCase("max.poll.records", "500")]
    [TestCase("isolation.level", "read_uncommitted")]
    [TestCase("partition.assignment.strategy", "range,cooperative-sticky")]
    [TestCase("check.crcs", "true")]
    [TestCase("allow.auto.create.topics", "true")]
    [TestCase("default.api.timeout.ms", "60000")]
    [TestCase("request.timeout.ms", "30000")]
    [TestCase("connections.max.idle.ms", "540000")]
    [TestCase("client.rack", "")]
    [TestCase("queued.max.messages.kbytes", "65536")]
    [TestCase("group.protocol", "classic")]
    public void Defaults_are_the_Java_client_defaults(string name, string value) =>
        Assert.That(new ConsumerOptions().ToProperties()[name], Is.EqualTo(value));

    [TestCase("range", new[] { PartitionAssignmentStrategy.Range })]
    [TestCase("cooperative-sticky", new[] { PartitionAssignmentStrategy.CooperativeSticky })]
    [TestCase("org.apache.kafka.clients.consumer.RangeAssignor, org.apache.kafka.clients.consumer.CooperativeStickyAssignor",
        new[] { PartitionAssignmentStrategy.Range, PartitionAssignmentStrategy.CooperativeSticky })]
    [TestCase("roundrobin,org.apache.kafka.clients.consumer.StickyAssignor",
        new[] { PartitionAssignmentStrategy.RoundRobin, PartitionAssignmentStrategy.Sticky })]
    [TestCase("org.apache.kafka.clients.consumer.RoundRobinAssignor", new[] { PartitionAssignmentStrategy.RoundRobin })]
    public void Assignment_strategies_take_short_names_and_Java_class_names(string value, PartitionAssignmentStrategy[] expected) =>
        Assert.That(ConsumerOptions.FromProperties(Props(("partition.assignment.strategy", value))).PartitionAssignmentStrategy, Is.EqualTo(expected));

    [TestCase("")]
    [TestCase("range,range")]
    [TestCase("range,org.apache.kafka.clients.consumer.RangeAssignor")]
    [TestCase("com.example.MyAssignor")]
    public void Empty_repeated_or_unknown_assignment_strategies_are_rejected(string value) =>
        Assert.That(() => ConsumerOptions.FromProperties(Props(("partition.assignment.strategy", value))),
            Throws.ArgumentException.With.Message.Contains("'partition.assignment.strategy'"));

    [Test]
    public void Java_property_names_set_the_options()
    {
        ConsumerOptions options = ConsumerOptions.FromProperties(new Dictionary<string, string>
        {
            ["bootstrap.servers"] = "broker:9092",
            ["group.id"] = "billing",
            ["group.instance.id"] = "billing-1",
            ["auto.offset.reset"] = "earliest",
            ["enable.auto.commit"] = "false",
            ["isolation.level"] = "read_committed",
            ["max.poll.records"] = "10",
            ["client.rack"] = "eu-west-1a",
            ["queued.max.messages.kbytes"] = "1024",
        });
        Assert.Multiple(() =>
        {
            Assert.That(options.GroupId, Is.EqualTo("billing"));
            Assert.That(options.GroupInstanceId, Is.EqualTo("billing-1"));
            Assert.That(options.AutoOffsetReset, Is.EqualTo(AutoOffsetReset.Earliest));
            Assert.That(options.EnableAutoCommit, Is.False);
            Assert.That(options.IsolationLevel, Is.EqualTo(IsolationLevel.ReadCommitted));
            Assert.That(options.MaxPollRecords, Is.EqualTo(10));
            Assert.That(options.ClientRack, Is.EqualTo("eu-west-1a"));
            Assert.That(options.QueuedMaxMessagesKbytes, Is.EqualTo(1024));
        });
        Assert.DoesNotThrow(options.Validate);
        Assert.That(ConsumerOptions.FromProperties(options.ToProperties().ToDictionary()).ToProperties(), Is.EqualTo(options.ToProperties()));
    }

    [TestCase("linger.ms", "5")]
    [TestCase("acks", "all")]
    [TestCase("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer")]
    public void Properties_of_other_clients_are_unknown(string name, string value) =>
        Assert.That(() => ConsumerOptions.FromProperties(Props((name, value))), Throws.ArgumentException.With.Message.Contains($"'{name}'"));

    [TestCase("auto.offset.reset", "smallest")]
    [TestCase("isolation.level", "serializable")]
    [TestCase("max.poll.records", "0")]
    [TestCase("queued.max.messages.kbytes", "0")]
    [TestCase("queued.max.messages.kbytes", "2097152")]
    [TestCase("group.instance.id", "")]
    [TestCase("session.timeout.ms", "0")]
    public void An_invalid_value_is_named_with_its_key_in_the_error(string name, string value) =>
        Assert.That(() => ConsumerOptions.FromProperties(Props((name, value))),
            Throws.ArgumentException.With.Message.Contains($"'{value}'").And.Message.Contains($"'{name}'"));

    [Test]
    public void Auto_commit_is_off_without_a_group_unless_set_explicitly_which_is_an_error()
    {
        var byDefault = new ConsumerOptions { BootstrapServers = "b:9092" };
        Assert.DoesNotThrow(byDefault.Validate);
        Assert.That(byDefault.AutoCommitEnabled, Is.False);

        var explicitly = new ConsumerOptions { BootstrapServers = "b:9092", EnableAutoCommit = true };
        Assert.That(explicitly.Validate, Throws.ArgumentException.With.Message.Contains("enable.auto.commit"));

        var grouped = new ConsumerOptions { BootstrapServers = "b:9092", GroupId = "g" };
        Assert.That(grouped.AutoCommitEnabled, Is.True);
    }

    [TestCase("has space")]
    [TestCase("..")]
    [TestCase("ünïcode")]
    public void A_group_instance_id_must_be_a_legal_Kafka_name(string id) =>
        Assert.That(() => new ConsumerOptions { BootstrapServers = "b:9092", GroupId = "g", GroupInstanceId = id }.Validate(),
            Throws.ArgumentException.With.Message.Contains("group.instance.id"));

    [Test]
    public void A_group_instance_id_of_249_characters_is_the_longest_allowed()
    {
        Assert.DoesNotThrow(new ConsumerOptions { BootstrapServers = "b:9092", GroupId = "g", GroupInstanceId = new string('a', 249) }.Validate);
        Assert.That(() => new ConsumerOptions { BootstrapServers = "b:9092", GroupId = "g", GroupInstanceId = new string('a', 250) }.Validate(),
            Throws.ArgumentException);
    }

    [Test]
    public void A_group_member_heartbeats_more_often_than_its_session_times_out()
    {
        Assert.That(() => new ConsumerOptions { BootstrapServers = "b:9092", GroupId = "g", SessionTimeoutMs = 3_000, HeartbeatIntervalMs = 3_000 }.Validate(),
            Throws.ArgumentException.With.Message.Contains("heartbeat.interval.ms (3000) must be lower than session.timeout.ms (3000)"));
        Assert.DoesNotThrow(new ConsumerOptions { BootstrapServers = "b:9092", GroupId = "g", SessionTimeoutMs = 3_000, HeartbeatIntervalMs = 1_000 }.Validate);
        Assert.DoesNotThrow(new ConsumerOptions { BootstrapServers = "b:9092", SessionTimeoutMs = 3_000, HeartbeatIntervalMs = 3_000 }.Validate, "no group, no heartbeats");
    }

    [Test]
    public void Assignment_strategies_set_in_code_are_checked()
    {
        var empty = new ConsumerOptions { BootstrapServers = "b:9092", PartitionAssignmentStrategy = [] };
        Assert.That(empty.Validate, Throws.ArgumentException.With.Message.Contains("partition.assignment.strategy"));
        var set = new ConsumerOptions { BootstrapServers = "b:9092", PartitionAssignmentStrategy = [PartitionAssignmentStrategy.Sticky] };
        Assert.DoesNotThrow(set.Validate);
        Assert.That(set.ToProperties()["partition.assignment.strategy"], Is.EqualTo("sticky"));
    }

    [Test]
    public void An_empty_client_id_becomes_the_Java_client_generated_name()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new ConsumerOptions { GroupId = "billing" }.ResolveClientId(), Does.Match(@"^consumer-billing-\d+$"));
            Assert.That(new ConsumerOptions { GroupId = "billing", GroupInstanceId = "node-3" }.ResolveClientId(), Is.EqualTo("consumer-billing-node-3"));
            Assert.That(new ConsumerOptions().ResolveClientId(), Does.Match(@"^consumer-null-\d+$"));
            Assert.That(new ConsumerOptions { ClientId = "mine" }.ResolveClientId(), Is.EqualTo("mine"));
        });
    }

    private static List<KeyValuePair<string, string>> Props(params (string Key, string Value)[] pairs) =>
        [.. pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))];
}
