using Kafka.Client.Protocol;

namespace Kafka.Client.Tests.Admin;

/// <summary>Creating, deleting, listing and describing topics, adding partitions, describing the cluster.</summary>
public class TopicAdminTests : AdminTestBase
{
    [Test]
    public async Task CreateTopicsAsync_creates_topics_with_their_partitions_replication_and_configs()
    {
        string topic = NewName("created");
        var results = await Admin.CreateTopicsAsync([new TopicSpecification
        {
            Name = topic, NumPartitions = 4, ReplicationFactor = 3, Configs = new Dictionary<string, string> { ["retention.ms"] = "3600000" },
        }]);

        CreateTopicResult result = results.ThrowIfAnyFailed().Single();
        Assert.That((result.Topic, result.NumPartitions, result.ReplicationFactor), Is.EqualTo((topic, 4, (short)3)));
        Assert.That(result.TopicId.IsZero, Is.False);
        Assert.That(Enumerable.Range(0, 4).Select(p => Cluster.DescribePartition(topic, p).Replicas.Count), Is.All.EqualTo(3));
        var configs = (await Admin.DescribeConfigsAsync([ConfigResource.Topic(topic)])).Single();
        Assert.That(configs.Entries["retention.ms"].Value, Is.EqualTo("3600000"));
    }

    [Test]
    public async Task CreateTopicsAsync_with_a_replica_assignment_places_each_partition_as_asked()
    {
        string topic = NewName("assigned");
        var results = await Admin.CreateTopicsAsync([new TopicSpecification
        {
            Name = topic,
            ReplicasAssignments = new Dictionary<int, IReadOnlyList<int>> { [0] = [2, 3], [1] = [3, 1] },
        }]);

        Assert.That(results.Single().Error, Is.Null);
        Assert.That(Cluster.DescribePartition(topic, 0).Replicas, Is.EqualTo(new[] { 2, 3 }));
        Assert.That(Cluster.DescribePartition(topic, 1).Replicas, Is.EqualTo(new[] { 3, 1 }));
        Assert.That(Cluster.DescribePartition(topic, 0).Leader, Is.EqualTo(2), "the first replica is the preferred leader");
    }

    [Test]
    public async Task A_failing_topic_gets_its_own_error_and_the_others_are_still_created()
    {
        string existing = NewName("existing");
        await Cluster.CreateTopicAsync(existing);
        string good = NewName("good"), tooReplicated = NewName("replicas"), noPartitions = NewName("partitions");

        var results = await Admin.CreateTopicsAsync(
        [
            new TopicSpecification { Name = existing, NumPartitions = 1 },
            new TopicSpecification { Name = good, NumPartitions = 2 },
            new TopicSpecification { Name = tooReplicated, NumPartitions = 1, ReplicationFactor = 4 },
            new TopicSpecification { Name = noPartitions, NumPartitions = 0 },
        ]);

        Assert.That(results.Select(r => r.Topic), Is.EqualTo(new[] { existing, good, tooReplicated, noPartitions }), "one result per topic, in order");
        Assert.That(results[0].Error!.Error, Is.EqualTo(ErrorCode.TopicAlreadyExists));
        Assert.That(results[0].Error!.Message, Does.Contain(existing));
        Assert.That(results[1].IsSuccess, Is.True);
        Assert.That(results[2].Error!.Error, Is.EqualTo(ErrorCode.InvalidReplicationFactor));
        Assert.That(results[3].Error!.Error, Is.EqualTo(ErrorCode.InvalidPartitions));
        Assert.That(Cluster.ListTopics(), Does.Contain(good).And.Not.Contain(tooReplicated).And.Not.Contain(noPartitions));
    }

    [Test]
    public async Task ThrowIfAnyFailed_throws_one_exception_listing_every_failure_and_keeping_every_result()
    {
        string existing = NewName("existing");
        await Cluster.CreateTopicAsync(existing);
        string good = NewName("good"), bad = NewName("bad");
        var results = await Admin.CreateTopicsAsync(
        [
            new TopicSpecification { Name = existing },
            new TopicSpecification { Name = good },
            new TopicSpecification { Name = bad, ReplicationFactor = 9 },
        ]);

        var error = Assert.Throws<KafkaAdminException>(() => results.ThrowIfAnyFailed());
        Assert.That(error!.Error, Is.EqualTo(ErrorCode.TopicAlreadyExists), "the first failure's code");
        Assert.That(error.Message, Does.StartWith("2 of 3 items failed").And.Contain(existing).And.Contain(bad).And.Not.Contain(good));
        Assert.That(error.Failures.Select(f => f.Error), Is.EqualTo(new[] { ErrorCode.TopicAlreadyExists, ErrorCode.InvalidReplicationFactor }));
        Assert.That(error.Results, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Validate_only_checks_the_topic_and_creates_nothing()
    {
        string topic = NewName("validated");
        var result = (await Admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = 3, ReplicationFactor = 2 }], validateOnly: true)).Single();
        Assert.That(result.Error, Is.Null);
        Assert.That((result.NumPartitions, result.ReplicationFactor), Is.EqualTo((3, (short)2)));
        Assert.That(Cluster.ListTopics(), Does.Not.Contain(topic));

        var invalid = (await Admin.CreateTopicsAsync([new TopicSpecification { Name = topic, ReplicationFactor = 5 }], validateOnly: true)).Single();
        Assert.That(invalid.Error!.Error, Is.EqualTo(ErrorCode.InvalidReplicationFactor));
    }

    [Test]
    public void Misused_specifications_fail_before_anything_is_sent()
    {
        Assert.ThrowsAsync<ArgumentException>(() => Admin.CreateTopicsAsync([new TopicSpecification
        {
            Name = "both", NumPartitions = 2, ReplicasAssignments = new Dictionary<int, IReadOnlyList<int>> { [0] = [1] },
        }]));
        Assert.ThrowsAsync<ArgumentException>(() => Admin.CreateTopicsAsync([new TopicSpecification { Name = "twice" }, new TopicSpecification { Name = "twice" }]));
        Assert.ThrowsAsync<ArgumentException>(() => Admin.DeleteTopicsAsync([""]));
    }

    [Test]
    public async Task DeleteTopicsAsync_deletes_topics_and_reports_an_unknown_one_on_its_own()
    {
        string first = NewName("doomed"), second = NewName("doomed"), missing = NewName("missing");
        await Cluster.CreateTopicAsync(first, partitions: 2);
        await Cluster.CreateTopicAsync(second);

        var results = await Admin.DeleteTopicsAsync([first, missing, second]);

        Assert.That(results.Select(r => r.IsSuccess), Is.EqualTo(new[] { true, false, true }));
        Assert.That(results[1].Error!.Error, Is.EqualTo(ErrorCode.UnknownTopicOrPartition));
        Assert.That(Cluster.ListTopics(), Does.Not.Contain(first).And.Not.Contain(second));
        var described = (await Admin.DescribeTopicsAsync([first])).Single();
        Assert.That(described.Error!.Error, Is.EqualTo(ErrorCode.UnknownTopicOrPartition), "a deleted topic is no longer described");
    }

    [Test]
    public async Task CreatePartitionsAsync_raises_the_count_and_places_new_partitions_as_asked()
    {
        string spread = NewName("spread"), placed = NewName("placed");
        await Cluster.CreateTopicAsync(spread, partitions: 2, replicationFactor: 2);
        await Cluster.CreateTopicAsync(placed, partitions: 1, replicationFactor: 2);

        var results = await Admin.CreatePartitionsAsync(
        [
            new PartitionsSpecification { Topic = spread, IncreaseTo = 5 },
            new PartitionsSpecification { Topic = placed, IncreaseTo = 3, ReplicaAssignments = [[3, 2], [1, 3]] },
        ]);

        results.ThrowIfAnyFailed();
        var described = await Admin.DescribeTopicsAsync([spread, placed]);
        Assert.That(described[0].Partitions, Has.Count.EqualTo(5));
        Assert.That(described[0].Partitions.All(p => p.Replicas.Count == 2), Is.True);
        Assert.That(Cluster.DescribePartition(placed, 1).Replicas, Is.EqualTo(new[] { 3, 2 }));
        Assert.That(Cluster.DescribePartition(placed, 2).Replicas, Is.EqualTo(new[] { 1, 3 }));
    }

    [Test]
    public async Task CreatePartitionsAsync_reports_a_smaller_count_and_an_unknown_topic_per_topic()
    {
        string shrink = NewName("shrink"), grow = NewName("grow"), missing = NewName("missing");
        await Cluster.CreateTopicAsync(shrink, partitions: 3);
        await Cluster.CreateTopicAsync(grow, partitions: 1);

        var results = await Admin.CreatePartitionsAsync(
        [
            new PartitionsSpecification { Topic = shrink, IncreaseTo = 2 },
            new PartitionsSpecification { Topic = grow, IncreaseTo = 2 },
            new PartitionsSpecification { Topic = missing, IncreaseTo = 2 },
        ]);

        Assert.That(results[0].Error!.Error, Is.EqualTo(ErrorCode.InvalidPartitions));
        Assert.That(results[1].Error, Is.Null);
        Assert.That(results[2].Error!.Error, Is.EqualTo(ErrorCode.UnknownTopicOrPartition));
        Assert.That(Cluster.DescribePartition(grow, 1).Partition, Is.EqualTo(1));

        var validated = (await Admin.CreatePartitionsAsync([new PartitionsSpecification { Topic = grow, IncreaseTo = 4 }], validateOnly: true)).Single();
        Assert.That(validated.Error, Is.Null);
        Assert.That((await Admin.DescribeTopicsAsync([grow])).Single().Partitions, Has.Count.EqualTo(2), "validate-only adds nothing");
    }

    [Test]
    public async Task ListTopicsAsync_lists_topics_with_their_ids_and_hides_internal_ones_unless_asked()
    {
        string topic = NewName("listed"), internalTopic = "__" + NewName("internal");
        await Cluster.CreateTopicAsync(topic);
        await Cluster.CreateTopicAsync(internalTopic);

        var listed = await Admin.ListTopicsAsync();
        Assert.That(listed.Select(t => t.Name), Does.Contain(topic).And.Not.Contain(internalTopic));
        Assert.That(listed.Single(t => t.Name == topic).TopicId.IsZero, Is.False);

        var all = await Admin.ListTopicsAsync(includeInternal: true);
        Assert.That(all.Single(t => t.Name == internalTopic).IsInternal, Is.True);
    }

    [Test]
    public async Task DescribeTopicsAsync_shows_leaders_replicas_and_isr_and_an_unknown_topic_fails_alone()
    {
        string topic = NewName("described"), missing = NewName("missing");
        await Cluster.CreateTopicAsync(topic, partitions: 3, replicationFactor: 3);

        var described = await Admin.DescribeTopicsAsync([missing, topic]);

        Assert.That(described[0].Error!.Error, Is.EqualTo(ErrorCode.UnknownTopicOrPartition));
        TopicDescription description = described[1];
        Assert.That(description.Error, Is.Null);
        Assert.That(description.TopicId.IsZero, Is.False);
        Assert.That(description.IsInternal, Is.False);
        Assert.That(description.Partitions.Select(p => p.Partition), Is.EqualTo(new[] { 0, 1, 2 }));
        foreach (TopicPartitionInfo partition in description.Partitions)
        {
            var expected = Cluster.DescribePartition(topic, partition.Partition);
            Assert.That(partition.Leader!.Id, Is.EqualTo(expected.Leader));
            Assert.That(partition.Leader.Port, Is.EqualTo(Cluster.PortOf(expected.Leader)));
            Assert.That(partition.Replicas.Select(n => n.Id), Is.EqualTo(expected.Replicas));
            Assert.That(partition.Isr.Select(n => n.Id), Is.EquivalentTo(expected.Isr));
        }
    }

    [Test]
    public async Task DescribeTopicsAsync_sees_a_moved_leader()
    {
        string topic = NewName("moved");
        await Cluster.CreateTopicAsync(topic, partitions: 1, replicationFactor: 3);
        int before = (await Admin.DescribeTopicsAsync([topic])).Single().Partitions[0].Leader!.Id;
        int target = Cluster.BrokerIds.First(b => b != before);

        await Cluster.MoveLeaderAsync(topic, 0, target);

        Assert.That((await Admin.DescribeTopicsAsync([topic])).Single().Partitions[0].Leader!.Id, Is.EqualTo(target));
    }

    [Test]
    public async Task DescribeClusterAsync_names_the_cluster_the_controller_and_every_broker()
    {
        ClusterDescription cluster = await Admin.DescribeClusterAsync();

        Assert.That(cluster.ClusterId, Is.EqualTo(Cluster.ClusterId));
        Assert.That(cluster.Nodes.Select(n => n.Id), Is.EqualTo(Cluster.BrokerIds.Order()));
        Assert.That(cluster.Nodes.Select(n => n.Port), Is.EqualTo(Cluster.BrokerIds.Order().Select(Cluster.PortOf)));
        Assert.That(cluster.Controller, Is.Not.Null);
        Assert.That(Cluster.BrokerIds, Does.Contain(cluster.Controller!.Id));
    }

    [Test]
    public async Task A_stopped_broker_leaves_the_cluster_description()
    {
        int stopped = Cluster.BrokerIds[^1];
        await Cluster.StopBrokerAsync(stopped);

        ClusterDescription cluster = await Admin.DescribeClusterAsync();

        Assert.That(cluster.Nodes.Select(n => n.Id), Does.Not.Contain(stopped));
        Assert.That(cluster.Nodes, Has.Count.EqualTo(2));
    }
}
