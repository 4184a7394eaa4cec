using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Interop.Tests;

/// <summary>Confluent.Kafka's AdminClient (librdkafka) against the embedded cluster.</summary>
public class ConfluentAdminTests
{
    [Test]
    public async Task AdminClient_creates_describes_extends_configures_and_deletes_a_replicated_topic()
    {
        await using var cluster = await Kafka.Client.Testing.EmbeddedKafkaCluster.StartAsync(new Kafka.Client.Testing.EmbeddedKafkaClusterOptions { Brokers = 3 });
        using IAdminClient admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        string topic = "admin-" + Guid.NewGuid().ToString("N")[..8];

        await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = 6, ReplicationFactor = 3 }]);

        var described = await admin.DescribeTopicsAsync(TopicCollection.OfTopicNames([topic]));
        var description = described.TopicDescriptions.Single();
        Assert.That(description.Error.IsError, Is.False);
        Assert.That(description.Partitions, Has.Count.EqualTo(6));
        Assert.That(description.Partitions.All(p => p.Replicas.Count == 3 && p.ISR.Count == 3), Is.True);
        Assert.That(description.Partitions.Select(p => p.Leader!.Id).Distinct().Count(), Is.EqualTo(3), "leaders are spread over the 3 brokers");
        Assert.That(description.TopicId.ToString(), Is.Not.Empty);

        await admin.CreatePartitionsAsync([new PartitionsSpecification { Topic = topic, IncreaseTo = 8 }]);
        Assert.That(cluster.DescribePartition(topic, 7).Replicas, Has.Count.EqualTo(3));

        var resource = new ConfigResource { Type = ResourceType.Topic, Name = topic };
        await admin.IncrementalAlterConfigsAsync(new Dictionary<ConfigResource, List<ConfigEntry>>
        {
            [resource] = [new ConfigEntry { Name = "retention.ms", Value = "3600000", IncrementalOperation = AlterConfigOpType.Set }],
        });
        var configs = (await admin.DescribeConfigsAsync([resource])).Single();
        Assert.That(configs.Entries["retention.ms"].Value, Is.EqualTo("3600000"));
        Assert.That(configs.Entries["retention.ms"].Source, Is.EqualTo(ConfigSource.DynamicTopicConfig));
        Assert.That(configs.Entries["cleanup.policy"].Value, Is.EqualTo("delete"));
        Assert.That(configs.Entries["cleanup.policy"].IsDefault, Is.True);

        var brokerConfigs = (await admin.DescribeConfigsAsync([new ConfigResource { Type = ResourceType.Broker, Name = cluster.BrokerIds[0].ToString(System.Globalization.CultureInfo.InvariantCulture) }])).Single();
        Assert.That(brokerConfigs.Entries["num.partitions"].Value, Is.EqualTo("1"));

        var bad = Assert.ThrowsAsync<CreateTopicsException>(() => admin.CreateTopicsAsync([new TopicSpecification { Name = topic + "x", NumPartitions = 1, ReplicationFactor = 4 }]));
        Assert.That(bad!.Results.Single().Error.Code, Is.EqualTo(ErrorCode.InvalidReplicationFactor));

        await admin.DeleteTopicsAsync([topic]);
        Assert.That(cluster.ListTopics(), Does.Not.Contain(topic));
    }
}
