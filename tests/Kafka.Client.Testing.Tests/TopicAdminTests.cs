using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests;

public class TopicAdminTests : BrokerTestBase
{
    private async Task<CreateTopicsResponse.CreatableTopicResult> CreateAsync(string name, int partitions, short factor, params (string Key, string Value)[] configs)
    {
        await using RawConnection connection = await RawConnection.ConnectAsync(Cluster, Cluster.BrokerIds[0]);
        var request = new CreateTopicsRequest
        {
            TimeoutMs = 10_000,
            Topics =
            [
                new CreateTopicsRequest.CreatableTopic
                {
                    Name = name, NumPartitions = partitions, ReplicationFactor = factor,
                    Configs = [.. configs.Select(c => new CreateTopicsRequest.CreatableTopicConfig { Name = c.Key, Value = c.Value })],
                },
            ],
        };
        var response = await connection.SendAsync<CreateTopicsResponse>(request, 7);
        return response.Topics.Single();
    }

    [Test]
    public async Task A_replication_factor_above_the_broker_count_is_InvalidReplicationFactor()
    {
        var result = await CreateAsync(NewTopic(), 1, 4);
        Assert.That(Error(result.ErrorCode), Is.EqualTo(ErrorCode.InvalidReplicationFactor));
        Assert.That(result.ErrorMessage, Does.Contain("3 broker"));
    }

    [TestCase("bad name")]
    [TestCase("..")]
    public async Task An_illegal_topic_name_is_InvalidTopicException(string name)
    {
        var result = await CreateAsync(name, 1, 1);
        Assert.That(Error(result.ErrorCode), Is.EqualTo(ErrorCode.InvalidTopicException));
    }

    [Test]
    public async Task Creating_an_existing_topic_is_TopicAlreadyExists_and_an_unknown_config_is_InvalidConfig()
    {
        string topic = NewTopic();
        Assert.That(Error((await CreateAsync(topic, 6, 3)).ErrorCode), Is.EqualTo(ErrorCode.None));
        Assert.That(Error((await CreateAsync(topic, 6, 3)).ErrorCode), Is.EqualTo(ErrorCode.TopicAlreadyExists));
        Assert.That(Error((await CreateAsync(NewTopic(), 1, 1, ("no.such.config", "1"))).ErrorCode), Is.EqualTo(ErrorCode.InvalidConfig));
        Assert.That(Error((await CreateAsync(NewTopic(), 1, 1, ("retention.ms", "soon"))).ErrorCode), Is.EqualTo(ErrorCode.InvalidConfig));
    }

    [Test]
    public async Task Replicas_and_leaders_are_spread_over_the_brokers()
    {
        string topic = NewTopic();
        var created = await CreateAsync(topic, 6, 3);
        Assert.That(created.TopicId.IsZero, Is.False);
        var partitions = Enumerable.Range(0, 6).Select(p => Cluster.DescribePartition(topic, p)).ToList();
        Assert.That(partitions.All(p => p.Replicas.Distinct().Count() == 3), Is.True);
        Assert.That(partitions.GroupBy(p => p.Leader).Select(g => g.Count()), Is.All.EqualTo(2), "6 leaders over 3 brokers");
        Assert.That(partitions.All(p => p.Leader == p.Replicas[0] && p.Isr.Count == 3), Is.True);
    }

    [Test]
    public async Task Metadata_reports_topic_ids_leaders_replicas_and_isr()
    {
        string topic = NewTopic();
        await Cluster.CreateTopicAsync(topic, partitions: 3, replicationFactor: 2);
        await using RawConnection connection = await RawConnection.ConnectAsync(Cluster, Cluster.BrokerIds[0]);
        var response = await connection.SendAsync<MetadataResponse>(new MetadataRequest { Topics = [new MetadataRequest.MetadataRequestTopic { Name = topic }] }, 12);
        Assert.That(response.Brokers, Has.Count.EqualTo(3));
        Assert.That(response.ClusterId, Is.EqualTo(Cluster.ClusterId));
        var described = response.Topics.Single();
        Assert.That(described.TopicId.IsZero, Is.False);
        foreach (var p in described.Partitions)
        {
            var truth = Cluster.DescribePartition(topic, p.PartitionIndex);
            Assert.That(p.LeaderId, Is.EqualTo(truth.Leader));
            Assert.That(p.ReplicaNodes, Is.EqualTo(truth.Replicas));
            Assert.That(p.IsrNodes, Is.EqualTo(truth.Isr));
        }
    }

    [Test]
    public async Task Metadata_auto_creates_a_requested_topic_by_default()
    {
        string topic = NewTopic();
        await using RawConnection connection = await RawConnection.ConnectAsync(Cluster, Cluster.BrokerIds[0]);
        var response = await connection.SendAsync<MetadataResponse>(new MetadataRequest { Topics = [new MetadataRequest.MetadataRequestTopic { Name = topic }], AllowAutoTopicCreation = true }, 12);
        Assert.That(Error(response.Topics.Single().ErrorCode), Is.EqualTo(ErrorCode.None));
        Assert.That(Cluster.ListTopics(), Does.Contain(topic));
    }
}
