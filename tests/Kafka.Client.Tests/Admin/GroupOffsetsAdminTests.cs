using Kafka.Client.Protocol;

namespace Kafka.Client.Tests.Admin;

/// <summary>Reading, changing and deleting a group's committed offsets, and its lag.</summary>
public class GroupOffsetsAdminTests : AdminTestBase
{
    [Test]
    public async Task Offsets_altered_by_the_admin_client_are_read_back_per_partition()
    {
        string topic = NewName("topic"), group = NewName("group");
        await Cluster.CreateTopicAsync(topic, partitions: 3);

        var altered = await Admin.AlterConsumerGroupOffsetsAsync(group, [new TopicPartitionOffset(topic, 0, 10), new TopicPartitionOffset(topic, 2, 20)]);

        altered.ThrowIfAnyFailed();
        Assert.That(Cluster.CommittedOffset(group, topic, 2), Is.EqualTo(20));
        var all = await Admin.ListConsumerGroupOffsetsAsync(group);
        Assert.That(all.Select(o => (o.TopicPartition.Partition, o.Offset)), Is.EqualTo(new (int, long?)[] { (0, 10), (2, 20) }));
        var some = await Admin.ListConsumerGroupOffsetsAsync(group, [new TopicPartition(topic, 2), new TopicPartition(topic, 1)]);
        Assert.That(some.Select(o => o.Offset), Is.EqualTo(new long?[] { 20, null }), "a partition without a commit has no offset");
        Assert.That(some.All(o => o.Error is null), Is.True);
    }

    [Test]
    public async Task Altering_an_unknown_partition_fails_alone()
    {
        string topic = NewName("topic"), group = NewName("group");
        await Cluster.CreateTopicAsync(topic, partitions: 1);

        var results = await Admin.AlterConsumerGroupOffsetsAsync(group, [new TopicPartitionOffset(topic, 0, 3), new TopicPartitionOffset(topic, 5, 3), new TopicPartitionOffset("missing-" + topic, 0, 3)]);

        Assert.That(results[0].Error, Is.Null);
        Assert.That(results[1].Error!.Error, Is.EqualTo(ErrorCode.UnknownTopicOrPartition));
        Assert.That(results[1].Error!.TopicPartition, Is.EqualTo(new TopicPartition(topic, 5)));
        Assert.That(results[2].Error!.Error, Is.EqualTo(ErrorCode.UnknownTopicOrPartition));
        Assert.That(Cluster.CommittedOffset(group, topic, 0), Is.EqualTo(3));
    }

    [Test]
    public async Task Offsets_of_a_group_with_active_members_cannot_be_altered()
    {
        string topic = NewName("topic"), group = NewName("group");
        await Cluster.CreateTopicAsync(topic);
        await using var member = await TestGroupMember.JoinAsync(Cluster, group, [new TopicPartition(topic, 0)]);

        var result = (await Admin.AlterConsumerGroupOffsetsAsync(group, [new TopicPartitionOffset(topic, 0, 1)])).Single();

        Assert.That(result.Error!.Error, Is.EqualTo(ErrorCode.UnknownMemberId));
        Assert.That(Cluster.CommittedOffset(group, topic, 0), Is.Null);
    }

    [Test]
    public async Task DeleteConsumerGroupOffsetsAsync_deletes_offsets_except_those_of_subscribed_topics()
    {
        string consumed = NewName("consumed"), old = NewName("old"), group = NewName("group");
        await Cluster.CreateTopicAsync(consumed);
        await Cluster.CreateTopicAsync(old, partitions: 2);
        await Admin.AlterConsumerGroupOffsetsAsync(group, [new TopicPartitionOffset(consumed, 0, 1), new TopicPartitionOffset(old, 0, 2), new TopicPartitionOffset(old, 1, 3)]);
        await using var member = await TestGroupMember.JoinAsync(Cluster, group, [new TopicPartition(consumed, 0)]);

        var results = await Admin.DeleteConsumerGroupOffsetsAsync(group, [new TopicPartition(old, 0), new TopicPartition(consumed, 0), new TopicPartition(old, 9)]);

        Assert.That(results[0].Error, Is.Null);
        Assert.That(results[1].Error!.Error, Is.EqualTo(ErrorCode.GroupSubscribedToTopic));
        Assert.That(results[2].Error!.Error, Is.EqualTo(ErrorCode.UnknownTopicOrPartition));
        Assert.That(Cluster.CommittedOffset(group, old, 0), Is.Null);
        Assert.That(Cluster.CommittedOffset(group, old, 1), Is.EqualTo(3));
        Assert.That(Cluster.CommittedOffset(group, consumed, 0), Is.EqualTo(1));
    }

    [Test]
    public async Task Deleting_offsets_of_an_unknown_group_fails_every_partition_with_GroupIdNotFound()
    {
        string topic = NewName("topic");
        await Cluster.CreateTopicAsync(topic, partitions: 2);

        var results = await Admin.DeleteConsumerGroupOffsetsAsync(NewName("unknown"), [new TopicPartition(topic, 0), new TopicPartition(topic, 1)]);

        Assert.That(results.Select(r => r.Error?.Error), Is.All.EqualTo(ErrorCode.GroupIdNotFound));
    }

    [Test]
    public async Task ListConsumerGroupLagAsync_reports_end_offset_minus_committed_offset_per_partition()
    {
        string topic = NewName("lagging"), group = NewName("group");
        await Cluster.CreateTopicAsync(topic, partitions: 3, replicationFactor: 2);
        await ProduceAsync(topic, 0, 10);
        await ProduceAsync(topic, 1, 5);
        await Admin.AlterConsumerGroupOffsetsAsync(group, [new TopicPartitionOffset(topic, 0, 4)]);
        await using var member = await TestGroupMember.JoinAsync(Cluster, group, [new TopicPartition(topic, 1), new TopicPartition(topic, 2)]);

        var lag = await Admin.ListConsumerGroupLagAsync(group);

        Assert.That(lag.Select(l => (l.Partition, l.CommittedOffset, l.LogEndOffset, l.Lag)), Is.EqualTo(new (int, long?, long?, long?)[]
        {
            (0, 4, 10, 6),
            (1, null, 5, null),
            (2, null, 0, null),
        }));
        Assert.That(lag.All(l => l.Topic == topic && l.Error is null), Is.True);
    }

    [Test]
    public async Task A_partition_whose_end_offset_cannot_be_read_carries_its_error_and_the_others_have_lag()
    {
        string kept = NewName("kept"), missing = NewName("missing"), group = NewName("group");
        await Cluster.CreateTopicAsync(kept);
        await ProduceAsync(kept, 0, 2);
        await Admin.AlterConsumerGroupOffsetsAsync(group, [new TopicPartitionOffset(kept, 0, 1)]);
        await using var member = await TestGroupMember.JoinAsync(Cluster, group, [new TopicPartition(kept, 0), new TopicPartition(missing, 0)]);

        var lag = (await Admin.ListConsumerGroupLagAsync(group)).ToDictionary(l => l.Topic);

        Assert.That(lag[kept].Lag, Is.EqualTo(1));
        Assert.That(lag[missing].Lag, Is.Null);
        Assert.That(lag[missing].LogEndOffset, Is.Null);
        Assert.That(lag[missing].Error!.Error, Is.EqualTo(ErrorCode.UnknownTopicOrPartition));
    }
}
