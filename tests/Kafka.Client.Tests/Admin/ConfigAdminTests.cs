using System.Globalization;
using Kafka.Client.Protocol;

namespace Kafka.Client.Tests.Admin;

/// <summary>Describing and incrementally changing topic and broker configs.</summary>
public class ConfigAdminTests : AdminTestBase
{
    [Test]
    public async Task DescribeConfigsAsync_reports_value_source_and_flags_of_topic_and_broker_configs()
    {
        string topic = NewName("configured");
        await Cluster.CreateTopicAsync(topic, configs: new Dictionary<string, string> { ["retention.ms"] = "3600000" });
        int broker = Cluster.BrokerIds[1];

        var results = await Admin.DescribeConfigsAsync([ConfigResource.Topic(topic), ConfigResource.Broker(broker)]);

        results.ThrowIfAnyFailed();
        ConfigEntry retention = results[0].Entries["retention.ms"];
        Assert.That((retention.Value, retention.Source, retention.IsDefault, retention.IsReadOnly, retention.IsSensitive),
            Is.EqualTo(("3600000", ConfigSource.DynamicTopicConfig, false, false, false)));
        ConfigEntry cleanup = results[0].Entries["cleanup.policy"];
        Assert.That((cleanup.Value, cleanup.Source, cleanup.IsDefault), Is.EqualTo(("delete", ConfigSource.DefaultConfig, true)));

        Assert.That(results[1].Resource, Is.EqualTo(new ConfigResource(ConfigResourceType.Broker, broker.ToString(CultureInfo.InvariantCulture))));
        Assert.That(results[1].Entries["node.id"].Value, Is.EqualTo(broker.ToString(CultureInfo.InvariantCulture)), "a broker's configs come from that broker");
        Assert.That(results[1].Entries["node.id"].IsReadOnly, Is.True);
        Assert.That(results[1].Entries["num.partitions"].Value, Is.EqualTo("1"));
    }

    [Test]
    public async Task An_unknown_topic_fails_alone_when_configs_are_described()
    {
        string topic = NewName("known"), missing = NewName("missing");
        await Cluster.CreateTopicAsync(topic);

        var results = await Admin.DescribeConfigsAsync([ConfigResource.Topic(missing), ConfigResource.Topic(topic)]);

        Assert.That(results[0].Error!.Error, Is.EqualTo(ErrorCode.UnknownTopicOrPartition));
        Assert.That(results[0].Error!.Message, Does.Contain(missing));
        Assert.That(results[0].Entries, Is.Empty);
        Assert.That(results[1].Entries, Is.Not.Empty);
    }

    [Test]
    public async Task IncrementalAlterConfigsAsync_sets_deletes_appends_and_subtracts()
    {
        string topic = NewName("altered");
        await Cluster.CreateTopicAsync(topic, configs: new Dictionary<string, string> { ["segment.ms"] = "1000" });
        ConfigResource resource = ConfigResource.Topic(topic);

        var results = await Admin.IncrementalAlterConfigsAsync(new Dictionary<ConfigResource, IReadOnlyList<AlterConfigOp>>
        {
            [resource] = [AlterConfigOp.Set("retention.ms", "1234"), AlterConfigOp.Delete("segment.ms"), AlterConfigOp.Append("cleanup.policy", "compact")],
        });
        results.ThrowIfAnyFailed();
        var entries = (await Admin.DescribeConfigsAsync([resource])).Single().Entries;
        Assert.That(entries["retention.ms"].Value, Is.EqualTo("1234"));
        Assert.That(entries["segment.ms"].Source, Is.EqualTo(ConfigSource.DefaultConfig), "deleted settings fall back to the default");
        Assert.That(entries["cleanup.policy"].Value, Is.EqualTo("delete,compact"));

        await Admin.IncrementalAlterConfigsAsync(new Dictionary<ConfigResource, IReadOnlyList<AlterConfigOp>>
        {
            [resource] = [AlterConfigOp.Subtract("cleanup.policy", "delete")],
        });
        entries = (await Admin.DescribeConfigsAsync([resource])).Single().Entries;
        Assert.That(entries["cleanup.policy"].Value, Is.EqualTo("compact"));
    }

    [Test]
    public async Task An_invalid_change_fails_its_resource_and_the_other_resources_are_changed()
    {
        string bad = NewName("bad"), good = NewName("good"), missing = NewName("missing");
        await Cluster.CreateTopicAsync(bad);
        await Cluster.CreateTopicAsync(good);

        var results = await Admin.IncrementalAlterConfigsAsync(new Dictionary<ConfigResource, IReadOnlyList<AlterConfigOp>>
        {
            [ConfigResource.Topic(bad)] = [AlterConfigOp.Set("retention.ms", "1000"), AlterConfigOp.Set("no.such.config", "1")],
            [ConfigResource.Topic(good)] = [AlterConfigOp.Set("retention.ms", "2000")],
            [ConfigResource.Topic(missing)] = [AlterConfigOp.Set("retention.ms", "3000")],
        });

        var byTopic = results.ToDictionary(r => r.Resource.Name);
        Assert.That(byTopic[bad].Error!.Error, Is.EqualTo(ErrorCode.InvalidConfig));
        Assert.That(byTopic[good].Error, Is.Null);
        Assert.That(byTopic[missing].Error!.Error, Is.EqualTo(ErrorCode.UnknownTopicOrPartition));
        var described = await Admin.DescribeConfigsAsync([ConfigResource.Topic(bad), ConfigResource.Topic(good)]);
        Assert.That(described[0].Entries["retention.ms"].Value, Is.EqualTo("604800000"), "a resource's changes apply all or none");
        Assert.That(described[1].Entries["retention.ms"].Value, Is.EqualTo("2000"));
    }

    [Test]
    public async Task Validate_only_changes_nothing()
    {
        string topic = NewName("validated");
        await Cluster.CreateTopicAsync(topic);
        ConfigResource resource = ConfigResource.Topic(topic);

        var result = (await Admin.IncrementalAlterConfigsAsync(
            new Dictionary<ConfigResource, IReadOnlyList<AlterConfigOp>> { [resource] = [AlterConfigOp.Set("retention.ms", "1")] }, validateOnly: true)).Single();

        Assert.That(result.Error, Is.Null);
        Assert.That((await Admin.DescribeConfigsAsync([resource])).Single().Entries["retention.ms"].Value, Is.EqualTo("604800000"));
    }

    [Test]
    public async Task A_broker_config_is_changed_on_that_broker_and_a_read_only_one_is_refused()
    {
        int broker = Cluster.BrokerIds[2];
        ConfigResource resource = ConfigResource.Broker(broker);

        var results = await Admin.IncrementalAlterConfigsAsync(new Dictionary<ConfigResource, IReadOnlyList<AlterConfigOp>>
        {
            [resource] = [AlterConfigOp.Set("log.retention.ms", "5000")],
            [ConfigResource.Broker(Cluster.BrokerIds[0])] = [AlterConfigOp.Set("node.id", "99")],
        });

        Assert.That(results[0].Error, Is.Null);
        Assert.That(results[1].Error!.Error, Is.EqualTo(ErrorCode.InvalidConfig));
        ConfigEntry retention = (await Admin.DescribeConfigsAsync([resource])).Single().Entries["log.retention.ms"];
        Assert.That((retention.Value, retention.Source), Is.EqualTo(("5000", ConfigSource.DynamicBrokerConfig)));
    }
}
