namespace Kafka.Client.Tests.Options;

/// <summary>group.protocol and group.remote.assignor, and the options of one protocol refused under the other, as Java's ConsumerConfig.</summary>
public class GroupProtocolOptionsTests
{
    [Test]
    public void Group_protocol_and_remote_assignor_are_set_by_their_Kafka_names()
    {
        ConsumerOptions options = ConsumerOptions.FromProperties(new Dictionary<string, string>
        {
            ["bootstrap.servers"] = "b:9092",
            ["group.id"] = "g",
            ["group.protocol"] = "CONSUMER",
            ["group.remote.assignor"] = "range",
        });

        Assert.That(options.GroupProtocol, Is.EqualTo(GroupProtocol.Consumer));
        Assert.That(options.GroupRemoteAssignor, Is.EqualTo("range"));
        Assert.DoesNotThrow(options.Validate);
        Assert.That(options.ToProperties()["group.protocol"], Is.EqualTo("consumer"));
        Assert.That(() => ConsumerOptions.FromProperties(new Dictionary<string, string> { ["group.protocol"] = "modern" }),
            Throws.ArgumentException.With.Message.Contains("group.protocol"));
    }

    [TestCase("partition.assignment.strategy", "range")]
    [TestCase("heartbeat.interval.ms", "1000")]
    [TestCase("session.timeout.ms", "10000")]
    public void A_classic_only_property_set_under_the_consumer_protocol_is_refused_naming_it(string name, string value)
    {
        ConsumerOptions options = ConsumerOptions.FromProperties(new Dictionary<string, string>
        {
            ["bootstrap.servers"] = "b:9092",
            ["group.id"] = "g",
            ["group.protocol"] = "consumer",
            [name] = value,
        });

        Assert.That(options.Validate, Throws.ArgumentException.With.Message.StartsWith($"{name} cannot be set when group.protocol=consumer")
            .And.Message.Contains("group.consumer."));
    }

    [Test]
    public void Classic_only_options_set_in_code_are_all_named_and_a_consumer_options_round_trip_stays_valid()
    {
        var options = new ConsumerOptions
        {
            BootstrapServers = "b:9092",
            GroupId = "g",
            GroupProtocol = GroupProtocol.Consumer,
            PartitionAssignmentStrategy = [PartitionAssignmentStrategy.Range],
            SessionTimeoutMs = 10_000,
            HeartbeatIntervalMs = 1_000,
        };
        Assert.That(options.Validate, Throws.ArgumentException.With.Message.StartsWith("partition.assignment.strategy, heartbeat.interval.ms, session.timeout.ms cannot be set when group.protocol=consumer"));

        var plain = new ConsumerOptions { BootstrapServers = "b:9092", GroupId = "g", GroupProtocol = GroupProtocol.Consumer };
        Assert.DoesNotThrow(plain.Validate, "defaults are not 'set'");
        IReadOnlyDictionary<string, string> properties = plain.ToProperties();
        Assert.That(properties.Keys, Has.None.EqualTo("session.timeout.ms").And.None.EqualTo("heartbeat.interval.ms").And.None.EqualTo("partition.assignment.strategy"));
        Assert.DoesNotThrow(ConsumerOptions.FromProperties(properties).Validate);
    }

    [Test]
    public void A_remote_assignor_under_the_classic_protocol_is_refused()
    {
        var options = new ConsumerOptions { BootstrapServers = "b:9092", GroupId = "g", GroupRemoteAssignor = "uniform" };
        Assert.That(options.Validate, Throws.ArgumentException.With.Message.StartsWith("group.remote.assignor cannot be set when group.protocol=classic"));
    }
}
