using System.Diagnostics;
using System.Globalization;
using static Confluent.Kafka.IAdminClientExtensions;
using static Kafka.Client.AdminResultExtensions;

namespace Interop.Tests;

/// <summary>
/// Our KafkaAdminClient and Confluent.Kafka's AdminClient (librdkafka) against the same embedded cluster: what one
/// changes the other sees, and both describe the same things the same way.
/// </summary>
public class AdminInteropTests
{
    private Kafka.Client.Testing.EmbeddedKafkaCluster _cluster = null!;
    private Kafka.Client.KafkaAdminClient _ours = null!;
    private Confluent.Kafka.IAdminClient _confluent = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _cluster = await Kafka.Client.Testing.EmbeddedKafkaCluster.StartAsync(new Kafka.Client.Testing.EmbeddedKafkaClusterOptions { Brokers = 3, AutoCreateTopics = false });
        _ours = new Kafka.Client.KafkaAdminClient(new Kafka.Client.AdminClientOptions { BootstrapServers = _cluster.BootstrapServers, DefaultApiTimeoutMs = 20_000 });
        _confluent = new Confluent.Kafka.AdminClientBuilder(new Confluent.Kafka.AdminClientConfig { BootstrapServers = _cluster.BootstrapServers }).Build();
    }

    [TearDown]
    public async Task StopAsync()
    {
        _confluent.Dispose();
        await _ours.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    private static string NewName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Test]
    public async Task Topics_created_by_either_client_are_listed_and_described_identically_by_both()
    {
        string ours = NewName("ours"), theirs = NewName("theirs");
        (await _ours.CreateTopicsAsync([new Kafka.Client.TopicSpecification { Name = ours, NumPartitions = 6, ReplicationFactor = 3 }])).ThrowIfAnyFailed();
        await _confluent.CreateTopicsAsync([new Confluent.Kafka.Admin.TopicSpecification { Name = theirs, NumPartitions = 4, ReplicationFactor = 2 }]);

        var ourListing = (await _ours.ListTopicsAsync()).Select(t => t.Name);
        var theirListing = _confluent.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Select(t => t.Topic);
        Assert.That(ourListing, Is.SupersetOf(new[] { ours, theirs }));
        Assert.That(theirListing, Is.SupersetOf(new[] { ours, theirs }));

        var ourDescriptions = await _ours.DescribeTopicsAsync([ours, theirs]);
        var theirDescriptions = (await _confluent.DescribeTopicsAsync(Confluent.Kafka.TopicCollection.OfTopicNames([ours, theirs]))).TopicDescriptions;
        Assert.That(ourDescriptions.Select(Describe), Is.EqualTo(theirDescriptions.Select(Describe)));
        Assert.That(ourDescriptions.Select(d => d.Partitions.Count), Is.EqualTo(new[] { 6, 4 }));
        Assert.That(ourDescriptions[1].Partitions.All(p => p.Replicas.Count == 2), Is.True);
    }

    [Test]
    public async Task Replica_assignments_configs_validate_only_and_per_topic_errors_agree_between_both_clients()
    {
        int[] b = [.. _cluster.BrokerIds];
        string ours = NewName("ours"), theirs = NewName("theirs");
        (await _ours.CreateTopicsAsync([new Kafka.Client.TopicSpecification
        {
            Name = ours,
            ReplicasAssignments = new Dictionary<int, IReadOnlyList<int>> { [0] = [b[1], b[2]], [1] = [b[2], b[0]] },
            Configs = new Dictionary<string, string> { ["retention.ms"] = "1000" },
        }])).ThrowIfAnyFailed();
        await _confluent.CreateTopicsAsync([new Confluent.Kafka.Admin.TopicSpecification
        {
            Name = theirs,
            NumPartitions = 2, // librdkafka wants the count with an explicit assignment
            ReplicasAssignments = new Dictionary<int, List<int>> { [0] = [b[0], b[1]], [1] = [b[1], b[2]] },
            Configs = new Dictionary<string, string> { ["retention.ms"] = "2000" },
        }]);

        var ourDescriptions = await _ours.DescribeTopicsAsync([ours, theirs]);
        var theirDescriptions = (await _confluent.DescribeTopicsAsync(Confluent.Kafka.TopicCollection.OfTopicNames([ours, theirs]))).TopicDescriptions;
        Assert.That(ourDescriptions.Select(Describe), Is.EqualTo(theirDescriptions.Select(Describe)));
        Assert.That(theirDescriptions[0].Partitions[0].Replicas.Select(r => r.Id), Is.EqualTo(new[] { b[1], b[2] }), "our explicit assignment, as Confluent sees it");
        Assert.That(ourDescriptions[1].Partitions[1].Replicas.Select(n => n.Id), Is.EqualTo(new[] { b[1], b[2] }), "Confluent's explicit assignment, as we see it");

        var theirConfigs = await _confluent.DescribeConfigsAsync(
        [
            new Confluent.Kafka.Admin.ConfigResource { Type = Confluent.Kafka.Admin.ResourceType.Topic, Name = ours },
            new Confluent.Kafka.Admin.ConfigResource { Type = Confluent.Kafka.Admin.ResourceType.Topic, Name = theirs },
        ]);
        var ourConfigs = await _ours.DescribeConfigsAsync([Kafka.Client.ConfigResource.Topic(ours), Kafka.Client.ConfigResource.Topic(theirs)]);
        Assert.That((theirConfigs[0].Entries["retention.ms"].Value, theirConfigs[0].Entries["retention.ms"].Source), Is.EqualTo(("1000", Confluent.Kafka.Admin.ConfigSource.DynamicTopicConfig)));
        Assert.That(ourConfigs[1].Entries["retention.ms"].Value, Is.EqualTo("2000"));

        // Validate-only creates nothing, for either client.
        string ourDry = NewName("ours-dry"), theirDry = NewName("theirs-dry");
        (await _ours.CreateTopicsAsync([new Kafka.Client.TopicSpecification { Name = ourDry, NumPartitions = 1, ReplicationFactor = 1 }], validateOnly: true)).ThrowIfAnyFailed();
        await _confluent.CreateTopicsAsync([new Confluent.Kafka.Admin.TopicSpecification { Name = theirDry, NumPartitions = 1, ReplicationFactor = 1 }], new Confluent.Kafka.Admin.CreateTopicsOptions { ValidateOnly = true });
        Assert.That((await _ours.ListTopicsAsync()).Select(t => t.Name), Does.Not.Contain(ourDry).And.Not.Contain(theirDry));

        // One request, three topics: the error of one does not hide the others, and both clients name the same errors.
        var ourResults = await _ours.CreateTopicsAsync(
        [
            new Kafka.Client.TopicSpecification { Name = ours, NumPartitions = 1, ReplicationFactor = 1 },
            new Kafka.Client.TopicSpecification { Name = NewName("ours-rf5"), NumPartitions = 1, ReplicationFactor = 5 },
            new Kafka.Client.TopicSpecification { Name = NewName("ours-good"), NumPartitions = 1, ReplicationFactor = 1 },
        ]);
        var theirError = Assert.ThrowsAsync<Confluent.Kafka.Admin.CreateTopicsException>(() => _confluent.CreateTopicsAsync(
        [
            new Confluent.Kafka.Admin.TopicSpecification { Name = theirs, NumPartitions = 1, ReplicationFactor = 1 },
            new Confluent.Kafka.Admin.TopicSpecification { Name = NewName("theirs-rf5"), NumPartitions = 1, ReplicationFactor = 5 },
            new Confluent.Kafka.Admin.TopicSpecification { Name = NewName("theirs-good"), NumPartitions = 1, ReplicationFactor = 1 },
        ]))!;
        Assert.That(ourResults.Select(r => (int)(r.Error?.Error ?? Kafka.Client.Protocol.ErrorCode.None)), Is.EqualTo(theirError.Results.Select(r => (int)r.Error.Code)));
        Assert.That(ourResults.Select(r => r.Error?.Error), Is.EqualTo(new Kafka.Client.Protocol.ErrorCode?[] { Kafka.Client.Protocol.ErrorCode.TopicAlreadyExists, Kafka.Client.Protocol.ErrorCode.InvalidReplicationFactor, null }));
    }

    [Test]
    public async Task Partitions_added_by_either_client_are_seen_by_the_other()
    {
        string ours = NewName("ours"), theirs = NewName("theirs");
        await _cluster.CreateTopicAsync(ours, partitions: 2, replicationFactor: 2);
        await _cluster.CreateTopicAsync(theirs, partitions: 1, replicationFactor: 2);

        (await _ours.CreatePartitionsAsync([new Kafka.Client.PartitionsSpecification { Topic = ours, IncreaseTo = 4, ReplicaAssignments = [[3, 1], [2, 3]] }])).ThrowIfAnyFailed();
        await _confluent.CreatePartitionsAsync([new Confluent.Kafka.Admin.PartitionsSpecification { Topic = theirs, IncreaseTo = 5 }]);

        var seenByConfluent = (await _confluent.DescribeTopicsAsync(Confluent.Kafka.TopicCollection.OfTopicNames([ours]))).TopicDescriptions.Single();
        Assert.That(seenByConfluent.Partitions, Has.Count.EqualTo(4));
        Assert.That(seenByConfluent.Partitions[2].Replicas.Select(n => n.Id), Is.EqualTo(new[] { 3, 1 }));
        Assert.That(seenByConfluent.Partitions[3].Replicas.Select(n => n.Id), Is.EqualTo(new[] { 2, 3 }));
        var seenByUs = (await _ours.DescribeTopicsAsync([theirs])).Single();
        Assert.That(seenByUs.Partitions, Has.Count.EqualTo(5));
    }

    [Test]
    public async Task Topics_deleted_by_either_client_are_gone_for_the_other()
    {
        string ours = NewName("ours"), theirs = NewName("theirs");
        await _cluster.CreateTopicAsync(ours);
        await _cluster.CreateTopicAsync(theirs);

        (await _ours.DeleteTopicsAsync([ours])).ThrowIfAnyFailed();
        await _confluent.DeleteTopicsAsync([theirs]);

        var error = Assert.ThrowsAsync<Confluent.Kafka.Admin.DescribeTopicsException>(() => _confluent.DescribeTopicsAsync(Confluent.Kafka.TopicCollection.OfTopicNames([ours])));
        Assert.That(error!.Results.TopicDescriptions.Single().Error.Code, Is.EqualTo(Confluent.Kafka.ErrorCode.UnknownTopicOrPart));
        var ourView = (await _ours.DescribeTopicsAsync([theirs])).Single();
        Assert.That(ourView.Error!.Error, Is.EqualTo(Kafka.Client.Protocol.ErrorCode.UnknownTopicOrPartition));
    }

    [Test]
    public async Task The_cluster_is_described_identically_by_both()
    {
        Kafka.Client.ClusterDescription ours = await _ours.DescribeClusterAsync();
        Confluent.Kafka.Admin.DescribeClusterResult theirs = await _confluent.DescribeClusterAsync();

        Assert.That(ours.ClusterId, Is.EqualTo(theirs.ClusterId));
        Assert.That(ours.Controller?.Id, Is.EqualTo(theirs.Controller?.Id));
        Assert.That(ours.Nodes.Select(n => (n.Id, n.Host, n.Port)), Is.EquivalentTo(theirs.Nodes.Select(n => (n.Id, n.Host, n.Port))));
    }

    [Test]
    public async Task Configs_changed_by_either_client_are_described_identically_by_both()
    {
        string ours = NewName("ours"), theirs = NewName("theirs");
        await _cluster.CreateTopicAsync(ours);
        await _cluster.CreateTopicAsync(theirs);
        int broker = _cluster.BrokerIds[1];

        (await _ours.IncrementalAlterConfigsAsync(new Dictionary<Kafka.Client.ConfigResource, IReadOnlyList<Kafka.Client.AlterConfigOp>>
        {
            [Kafka.Client.ConfigResource.Topic(ours)] = [Kafka.Client.AlterConfigOp.Set("retention.ms", "3600000"), Kafka.Client.AlterConfigOp.Append("cleanup.policy", "compact")],
            [Kafka.Client.ConfigResource.Broker(broker)] = [Kafka.Client.AlterConfigOp.Set("log.retention.ms", "7200000")],
        })).ThrowIfAnyFailed();
        await _confluent.IncrementalAlterConfigsAsync(new Dictionary<Confluent.Kafka.Admin.ConfigResource, List<Confluent.Kafka.Admin.ConfigEntry>>
        {
            [new Confluent.Kafka.Admin.ConfigResource { Type = Confluent.Kafka.Admin.ResourceType.Topic, Name = theirs }] =
                [new Confluent.Kafka.Admin.ConfigEntry { Name = "segment.ms", Value = "60000", IncrementalOperation = Confluent.Kafka.Admin.AlterConfigOpType.Set }],
        });

        var ourView = await _ours.DescribeConfigsAsync([Kafka.Client.ConfigResource.Topic(ours), Kafka.Client.ConfigResource.Topic(theirs), Kafka.Client.ConfigResource.Broker(broker)]);
        var theirView = await _confluent.DescribeConfigsAsync(
        [
            new Confluent.Kafka.Admin.ConfigResource { Type = Confluent.Kafka.Admin.ResourceType.Topic, Name = ours },
            new Confluent.Kafka.Admin.ConfigResource { Type = Confluent.Kafka.Admin.ResourceType.Topic, Name = theirs },
            new Confluent.Kafka.Admin.ConfigResource { Type = Confluent.Kafka.Admin.ResourceType.Broker, Name = broker.ToString(CultureInfo.InvariantCulture) },
        ]);

        for (int i = 0; i < 3; i++)
        {
            Assert.That(
                ourView[i].Entries.Values.Select(e => (e.Name, e.Value, (int)e.Source, e.IsReadOnly, e.IsDefault, e.IsSensitive)).OrderBy(e => e.Name),
                Is.EqualTo(theirView[i].Entries.Values.Select(e => (e.Name, e.Value, (int)e.Source, e.IsReadOnly, e.IsDefault, e.IsSensitive)).OrderBy(e => e.Name)),
                ourView[i].Resource.ToString());
        }

        Assert.That(theirView[0].Entries["cleanup.policy"].Value, Is.EqualTo("delete,compact"));
        Assert.That(ourView[1].Entries["segment.ms"].Value, Is.EqualTo("60000"));
        Assert.That(theirView[2].Entries["log.retention.ms"].Value, Is.EqualTo("7200000"));
    }

    [Test]
    public async Task A_group_of_Confluent_consumers_is_listed_and_described_identically_by_both()
    {
        string topic = NewName("grouped"), group = NewName("group"), simple = NewName("simple");
        await _cluster.CreateTopicAsync(topic, partitions: 4, replicationFactor: 2);
        using var first = new ConfluentMember(_cluster.BootstrapServers, group, topic, "member-a");
        using var second = new ConfluentMember(_cluster.BootstrapServers, group, topic, "member-b");
        await WaitForStableAsync(group, 4, first, second);
        (await _ours.AlterConsumerGroupOffsetsAsync(simple, [new Kafka.Client.TopicPartitionOffset(topic, 0, 1)])).ThrowIfAnyFailed();

        var ourList = (await _ours.ListConsumerGroupsAsync()).Valid.Where(g => g.GroupId == group || g.GroupId == simple).OrderBy(g => g.GroupId);
        var theirList = (await _confluent.ListConsumerGroupsAsync()).Valid.Where(g => g.GroupId == group || g.GroupId == simple).OrderBy(g => g.GroupId);
        Assert.That(ourList.Select(g => (g.GroupId, g.IsSimpleConsumerGroup, g.State.ToString())), Is.EqualTo(theirList.Select(g => (g.GroupId, g.IsSimpleConsumerGroup, g.State.ToString()))));
        Assert.That(ourList.Select(g => g.State), Is.EqualTo(group.CompareTo(simple) < 0
            ? new[] { Kafka.Client.ConsumerGroupState.Stable, Kafka.Client.ConsumerGroupState.Empty }
            : new[] { Kafka.Client.ConsumerGroupState.Empty, Kafka.Client.ConsumerGroupState.Stable }));

        var ours = (await _ours.DescribeConsumerGroupsAsync([group])).Single();
        var theirs = (await _confluent.DescribeConsumerGroupsAsync([group])).ConsumerGroupDescriptions.Single();
        Assert.That((ours.GroupId, ours.State.ToString(), ours.PartitionAssignor, ours.IsSimpleConsumerGroup, ours.Coordinator?.Id),
            Is.EqualTo((theirs.GroupId, theirs.State.ToString(), theirs.PartitionAssignor, theirs.IsSimpleConsumerGroup, theirs.Coordinator?.Id)));
        Assert.That(ours.Members.Select(m => (m.MemberId, m.ClientId, m.Host, m.GroupInstanceId, Partitions(m.Assignment.Partitions))).OrderBy(m => m.MemberId),
            Is.EqualTo(theirs.Members.Select(m => (m.ConsumerId, m.ClientId, m.Host, m.GroupInstanceId, Partitions(m.Assignment.TopicPartitions))).OrderBy(m => m.ConsumerId)));
        Assert.That(ours.Members.SelectMany(m => m.Assignment.Partitions).Select(p => p.Partition).Order(), Is.EqualTo(new[] { 0, 1, 2, 3 }));
        Assert.That(ours.Members.Select(m => m.ClientId).Order(), Is.EqualTo(new[] { "member-a", "member-b" }));
    }

    [Test]
    public async Task Group_offsets_altered_or_deleted_by_either_client_are_read_by_the_other()
    {
        string topic = NewName("offsets"), ourGroup = NewName("ours"), theirGroup = NewName("theirs");
        await _cluster.CreateTopicAsync(topic, partitions: 3);

        (await _ours.AlterConsumerGroupOffsetsAsync(ourGroup, [new Kafka.Client.TopicPartitionOffset(topic, 0, 5), new Kafka.Client.TopicPartitionOffset(topic, 2, 7)])).ThrowIfAnyFailed();
        await _confluent.AlterConsumerGroupOffsetsAsync([new Confluent.Kafka.ConsumerGroupTopicPartitionOffsets(theirGroup,
            [new Confluent.Kafka.TopicPartitionOffset(topic, 1, 11), new Confluent.Kafka.TopicPartitionOffset(topic, 2, 12)])]);

        Assert.That(await TheirOffsetsAsync(ourGroup, topic), Is.EqualTo(new long[] { 5, -1, 7 }));
        Assert.That(await OurOffsetsAsync(ourGroup, topic), Is.EqualTo(new long[] { 5, -1, 7 }));
        Assert.That(await OurOffsetsAsync(theirGroup, topic), Is.EqualTo(new long[] { -1, 11, 12 }));
        Assert.That(await TheirOffsetsAsync(theirGroup, topic), Is.EqualTo(new long[] { -1, 11, 12 }));

        (await _ours.DeleteConsumerGroupOffsetsAsync(theirGroup, [new Kafka.Client.TopicPartition(topic, 1)])).ThrowIfAnyFailed();
        await _confluent.DeleteConsumerGroupOffsetsAsync(ourGroup, [new Confluent.Kafka.TopicPartition(topic, 2)]);

        Assert.That(await TheirOffsetsAsync(theirGroup, topic), Is.EqualTo(new long[] { -1, -1, 12 }));
        Assert.That(await OurOffsetsAsync(ourGroup, topic), Is.EqualTo(new long[] { 5, -1, -1 }));
    }

    [Test]
    public async Task Offsets_listed_by_both_clients_agree_for_every_kind_of_lookup()
    {
        const long t0 = 1_700_000_000_000;
        string topic = NewName("listed");
        await _cluster.CreateTopicAsync(topic, partitions: 2, replicationFactor: 3);
        await ProduceAsync(topic, 0, 6, t0);
        await ProduceAsync(topic, 1, 3, t0 + 100_000);

        var specs = new (Kafka.Client.OffsetSpec Ours, Confluent.Kafka.Admin.OffsetSpec Theirs)[]
        {
            (Kafka.Client.OffsetSpec.Earliest, Confluent.Kafka.Admin.OffsetSpec.Earliest()),
            (Kafka.Client.OffsetSpec.Latest, Confluent.Kafka.Admin.OffsetSpec.Latest()),
            (Kafka.Client.OffsetSpec.MaxTimestamp, Confluent.Kafka.Admin.OffsetSpec.MaxTimestamp()),
            (Kafka.Client.OffsetSpec.ForTimestamp(t0 + 2_500), Confluent.Kafka.Admin.OffsetSpec.ForTimestamp(t0 + 2_500)),
            (Kafka.Client.OffsetSpec.ForTimestamp(t0 + 500_000), Confluent.Kafka.Admin.OffsetSpec.ForTimestamp(t0 + 500_000)),
        };
        foreach (var (ourSpec, theirSpec) in specs)
        {
            var ours = await _ours.ListOffsetsAsync(Enumerable.Range(0, 2).ToDictionary(p => new Kafka.Client.TopicPartition(topic, p), _ => ourSpec));
            var theirs = (await _confluent.ListOffsetsAsync(Enumerable.Range(0, 2).Select(p => new Confluent.Kafka.Admin.TopicPartitionOffsetSpec
            {
                TopicPartition = new Confluent.Kafka.TopicPartition(topic, p), OffsetSpec = theirSpec,
            }))).ResultInfos.OrderBy(r => r.TopicPartitionOffsetError.Partition.Value);

            Assert.That(ours.Select(r => (r.TopicPartition.Partition, r.Offset, r.Timestamp)),
                Is.EqualTo(theirs.Select(r => (r.TopicPartitionOffsetError.Partition.Value, r.TopicPartitionOffsetError.Offset.Value, r.Timestamp))), $"timestamp spec {ourSpec.Timestamp}");
        }

        var latest = await _ours.ListOffsetsAsync(new Dictionary<Kafka.Client.TopicPartition, Kafka.Client.OffsetSpec> { [new(topic, 0)] = Kafka.Client.OffsetSpec.Latest });
        Assert.That(latest.Single().Offset, Is.EqualTo(6));
    }

    [Test]
    public async Task Records_deleted_by_either_client_are_gone_for_the_other()
    {
        string topic = NewName("trimmed");
        await _cluster.CreateTopicAsync(topic, partitions: 2, replicationFactor: 2);
        await ProduceAsync(topic, 0, 8, 1_700_000_000_000);
        await ProduceAsync(topic, 1, 8, 1_700_000_000_000);

        var ours = (await _ours.DeleteRecordsAsync([new Kafka.Client.TopicPartitionOffset(topic, 0, 3)])).ThrowIfAnyFailed().Single();
        var theirs = (await _confluent.DeleteRecordsAsync([new Confluent.Kafka.TopicPartitionOffset(topic, 1, 6)])).Single();

        Assert.That((ours.LowWatermark, theirs.Offset.Value), Is.EqualTo((3L, 6L)));
        var theirView = (await _confluent.ListOffsetsAsync([new Confluent.Kafka.Admin.TopicPartitionOffsetSpec
        {
            TopicPartition = new Confluent.Kafka.TopicPartition(topic, 0), OffsetSpec = Confluent.Kafka.Admin.OffsetSpec.Earliest(),
        }])).ResultInfos.Single();
        Assert.That(theirView.TopicPartitionOffsetError.Offset.Value, Is.EqualTo(3));
        var ourView = (await _ours.ListOffsetsAsync(new Dictionary<Kafka.Client.TopicPartition, Kafka.Client.OffsetSpec> { [new(topic, 1)] = Kafka.Client.OffsetSpec.Earliest })).Single();
        Assert.That(ourView.Offset, Is.EqualTo(6));
    }

    [Test]
    public async Task Groups_deleted_by_either_client_are_gone_for_the_other()
    {
        string topic = NewName("topic"), confluentGroup = NewName("confluent"), ourGroup = NewName("ours");
        await _cluster.CreateTopicAsync(topic, partitions: 2);
        using (var member = new ConfluentMember(_cluster.BootstrapServers, confluentGroup, topic, "leaving"))
        {
            await WaitForStableAsync(confluentGroup, 2, member);
            member.Commit(new Confluent.Kafka.TopicPartitionOffset(topic, 0, 1));
        }

        (await _ours.AlterConsumerGroupOffsetsAsync(ourGroup, [new Kafka.Client.TopicPartitionOffset(topic, 1, 4)])).ThrowIfAnyFailed();
        await EventuallyAsync(() => _cluster.DescribeGroup(confluentGroup)?.State == "Empty", "the Confluent consumer left its group");

        (await _ours.DeleteConsumerGroupsAsync([confluentGroup])).ThrowIfAnyFailed();
        await _confluent.DeleteGroupsAsync([ourGroup]);

        var ourGroups = (await _ours.ListConsumerGroupsAsync()).Valid.Select(g => g.GroupId);
        var theirGroups = (await _confluent.ListConsumerGroupsAsync()).Valid.Select(g => g.GroupId);
        Assert.That(ourGroups, Does.Not.Contain(confluentGroup).And.Not.Contain(ourGroup));
        Assert.That(theirGroups, Does.Not.Contain(confluentGroup).And.Not.Contain(ourGroup));
        Assert.That(await OurOffsetsAsync(confluentGroup, topic, partitions: 2), Is.EqualTo(new long[] { -1, -1 }));
    }

    [Test]
    public async Task Our_lag_matches_the_offsets_Confluent_reads()
    {
        string topic = NewName("lag"), group = NewName("group");
        await _cluster.CreateTopicAsync(topic, partitions: 2, replicationFactor: 2);
        await ProduceAsync(topic, 0, 9, 1_700_000_000_000);
        await ProduceAsync(topic, 1, 4, 1_700_000_000_000);
        await _confluent.AlterConsumerGroupOffsetsAsync([new Confluent.Kafka.ConsumerGroupTopicPartitionOffsets(group,
            [new Confluent.Kafka.TopicPartitionOffset(topic, 0, 2), new Confluent.Kafka.TopicPartitionOffset(topic, 1, 4)])]);

        var lag = await _ours.ListConsumerGroupLagAsync(group);

        long[] committed = await TheirOffsetsAsync(group, topic, partitions: 2);
        var ends = (await _confluent.ListOffsetsAsync(Enumerable.Range(0, 2).Select(p => new Confluent.Kafka.Admin.TopicPartitionOffsetSpec
        {
            TopicPartition = new Confluent.Kafka.TopicPartition(topic, p), OffsetSpec = Confluent.Kafka.Admin.OffsetSpec.Latest(),
        }))).ResultInfos.OrderBy(r => r.TopicPartitionOffsetError.Partition.Value).Select(r => r.TopicPartitionOffsetError.Offset.Value).ToArray();
        Assert.That(lag.Select(l => l.Lag), Is.EqualTo(new long?[] { ends[0] - committed[0], ends[1] - committed[1] }));
        Assert.That(lag.Select(l => l.Lag), Is.EqualTo(new long?[] { 7, 0 }));
    }

    /// <summary>A topic description as text: id, internal flag, and per partition leader, replicas and ISR.</summary>
    private static string Describe(Kafka.Client.TopicDescription d) =>
        $"{d.Name} {d.TopicId.MostSignificantBits}/{d.TopicId.LeastSignificantBits} internal={d.IsInternal} " +
        string.Join(" ", d.Partitions.Select(p => $"{p.Partition}:{p.Leader?.Id}[{string.Join(",", p.Replicas.Select(n => n.Id))}][{string.Join(",", p.Isr.Select(n => n.Id))}]"));

    private static string Describe(Confluent.Kafka.Admin.TopicDescription d) =>
        $"{d.Name} {d.TopicId.MostSignificantBits}/{d.TopicId.LeastSignificantBits} internal={d.IsInternal} " +
        string.Join(" ", d.Partitions.Select(p => $"{p.Partition}:{p.Leader?.Id}[{string.Join(",", p.Replicas.Select(n => n.Id))}][{string.Join(",", p.ISR.Select(n => n.Id))}]"));

    private static string Partitions(IEnumerable<Kafka.Client.TopicPartition> partitions) =>
        string.Join(",", partitions.Select(p => $"{p.Topic}/{p.Partition}").Order());

    private static string Partitions(IEnumerable<Confluent.Kafka.TopicPartition> partitions) =>
        string.Join(",", partitions.Select(p => $"{p.Topic}/{p.Partition.Value}").Order());

    /// <summary>The group's committed offsets of partitions 0..n-1 as we read them; -1 where none.</summary>
    private async Task<long[]> OurOffsetsAsync(string group, string topic, int partitions = 3)
    {
        var offsets = await _ours.ListConsumerGroupOffsetsAsync(group, Enumerable.Range(0, partitions).Select(p => new Kafka.Client.TopicPartition(topic, p)));
        return [.. offsets.Select(o => o.Offset ?? -1)];
    }

    /// <summary>The group's committed offsets of partitions 0..n-1 as Confluent reads them; -1 where none.</summary>
    private async Task<long[]> TheirOffsetsAsync(string group, string topic, int partitions = 3)
    {
        var listed = await _confluent.ListConsumerGroupOffsetsAsync([new Confluent.Kafka.ConsumerGroupTopicPartitions(group,
            [.. Enumerable.Range(0, partitions).Select(p => new Confluent.Kafka.TopicPartition(topic, p))])]);
        return [.. listed.Single().Partitions.OrderBy(p => p.Partition.Value).Select(p => p.Offset.Value < 0 ? -1 : p.Offset.Value)];
    }

    private async Task ProduceAsync(string topic, int partition, int count, long firstTimestamp)
    {
        await using var producer = new Kafka.Client.KafkaProducer<Kafka.Client.Null, string>(new Kafka.Client.ProducerOptions { BootstrapServers = _cluster.BootstrapServers, LingerMs = 1 });
        for (int i = 0; i < count; i++)
        {
            var timestamp = new Kafka.Client.Timestamp(DateTimeOffset.FromUnixTimeMilliseconds(firstTimestamp + (i * 1_000L)));
            await producer.ProduceAsync(new Kafka.Client.TopicPartition(topic, partition), new Kafka.Client.Message<Kafka.Client.Null, string> { Value = $"m{i}", Timestamp = timestamp });
        }
    }

    private async Task WaitForStableAsync(string group, int partitions, params ConfluentMember[] members) =>
        await EventuallyAsync(
            () => _cluster.DescribeGroup(group) is { State: "Stable" } info
                && info.Members.Count == members.Length
                && members.All(m => m.Assignment.Length > 0)
                && members.Sum(m => m.Assignment.Length) == partitions,
            $"group {group} is Stable with {members.Length} members sharing {partitions} partitions");

    private static async Task EventuallyAsync(Func<bool> condition, string because)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                Assert.Fail($"Timed out waiting until {because}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>A Confluent consumer polling on its own thread; disposing it closes it, so it leaves the group.</summary>
    private sealed class ConfluentMember : IDisposable
    {
        private readonly Confluent.Kafka.IConsumer<Confluent.Kafka.Ignore, string> _consumer;
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread _thread;
        private volatile Confluent.Kafka.TopicPartition[] _assignment = [];

        public ConfluentMember(string bootstrap, string group, string topic, string clientId)
        {
            _consumer = new Confluent.Kafka.ConsumerBuilder<Confluent.Kafka.Ignore, string>(new Confluent.Kafka.ConsumerConfig
            {
                BootstrapServers = bootstrap,
                GroupId = group,
                ClientId = clientId,
                PartitionAssignmentStrategy = Confluent.Kafka.PartitionAssignmentStrategy.Range,
                SessionTimeoutMs = 10_000,
                HeartbeatIntervalMs = 200,
                EnableAutoCommit = false,
            }).Build();
            _consumer.Subscribe(topic);
            _thread = new Thread(Poll) { IsBackground = true };
            _thread.Start();
        }

        public Confluent.Kafka.TopicPartition[] Assignment => _assignment;

        public void Commit(Confluent.Kafka.TopicPartitionOffset offset) => _consumer.Commit([offset]);

        public void Dispose()
        {
            _stop.Cancel();
            _thread.Join();
            _consumer.Close();
            _consumer.Dispose();
            _stop.Dispose();
        }

        private void Poll()
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    _consumer.Consume(TimeSpan.FromMilliseconds(50));
                }
                catch (Confluent.Kafka.ConsumeException)
                {
                }

                _assignment = [.. _consumer.Assignment];
            }
        }
    }
}
