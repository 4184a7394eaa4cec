using Kafka.Client.Protocol;

namespace Kafka.Client.Tests.Admin;

/// <summary>Looking up offsets and deleting records, at each partition's leader.</summary>
public class OffsetsAdminTests : AdminTestBase
{
    private const long T0 = 1_700_000_000_000;

    [Test]
    public async Task ListOffsetsAsync_finds_the_earliest_latest_by_timestamp_and_max_timestamp_offsets()
    {
        string topic = NewName("offsets");
        await Cluster.CreateTopicAsync(topic, partitions: 1, replicationFactor: 3);
        await ProduceAsync(topic, 0, 5, firstTimestamp: T0);
        var tp = new TopicPartition(topic, 0);

        async Task<ListOffsetsResult> LookupAsync(OffsetSpec spec) => (await Admin.ListOffsetsAsync(new Dictionary<TopicPartition, OffsetSpec> { [tp] = spec })).Single();

        Assert.That((await LookupAsync(OffsetSpec.Earliest)).Offset, Is.Zero);
        Assert.That((await LookupAsync(OffsetSpec.Latest)).Offset, Is.EqualTo(5));
        ListOffsetsResult byTime = await LookupAsync(OffsetSpec.ForTimestamp(T0 + 2_500));
        Assert.That((byTime.Offset, byTime.Timestamp), Is.EqualTo((3L, T0 + 3_000)), "the first message at or after the timestamp");
        ListOffsetsResult max = await LookupAsync(OffsetSpec.MaxTimestamp);
        Assert.That((max.Offset, max.Timestamp), Is.EqualTo((4L, T0 + 4_000)));
        Assert.That((await LookupAsync(OffsetSpec.ForTimestamp(DateTimeOffset.FromUnixTimeMilliseconds(T0 + 60_000)))).Offset, Is.EqualTo(-1), "no message that late");
        Assert.That(max.LeaderEpoch, Is.Not.Null);
    }

    [Test]
    public async Task Unknown_topics_and_partitions_fail_alone_when_offsets_are_listed()
    {
        string topic = NewName("offsets");
        await Cluster.CreateTopicAsync(topic, partitions: 2, replicationFactor: 2);
        await ProduceAsync(topic, 1, 2);

        var results = await Admin.ListOffsetsAsync(new Dictionary<TopicPartition, OffsetSpec>
        {
            [new TopicPartition(topic, 1)] = OffsetSpec.Latest,
            [new TopicPartition(topic, 7)] = OffsetSpec.Latest,
            [new TopicPartition("missing-" + topic, 0)] = OffsetSpec.Earliest,
            [new TopicPartition(topic, 0)] = OffsetSpec.Earliest,
        });

        Assert.That(results[0].Offset, Is.EqualTo(2));
        Assert.That(results[1].Error!.Error, Is.EqualTo(ErrorCode.UnknownTopicOrPartition));
        Assert.That(results[1].Error!.Message, Does.Contain($"{topic} [7]"));
        Assert.That(results[2].Error!.Error, Is.EqualTo(ErrorCode.UnknownTopicOrPartition));
        Assert.That((results[3].Offset, results[3].Error), Is.EqualTo((0L, (KafkaException?)null)));
    }

    [Test]
    public async Task ListOffsetsAsync_goes_to_each_partitions_leader_even_after_it_moved()
    {
        string topic = NewName("moved");
        await Cluster.CreateTopicAsync(topic, partitions: 1, replicationFactor: 3);
        await ProduceAsync(topic, 0, 4);
        var tp = new TopicPartition(topic, 0);
        await Admin.ListOffsetsAsync(new Dictionary<TopicPartition, OffsetSpec> { [tp] = OffsetSpec.Latest });
        int leader = Cluster.DescribePartition(topic, 0).Leader;

        await Cluster.MoveLeaderAsync(topic, 0, Cluster.BrokerIds.First(b => b != leader));

        var result = (await Admin.ListOffsetsAsync(new Dictionary<TopicPartition, OffsetSpec> { [tp] = OffsetSpec.Latest })).Single();
        Assert.That((result.Offset, result.Error), Is.EqualTo((4L, (KafkaException?)null)));
    }

    [Test]
    public async Task DeleteRecordsAsync_moves_the_log_start_and_reports_bad_offsets_per_partition()
    {
        string topic = NewName("trimmed");
        await Cluster.CreateTopicAsync(topic, partitions: 3, replicationFactor: 2);
        for (int p = 0; p < 3; p++)
        {
            await ProduceAsync(topic, p, 6);
        }

        var results = await Admin.DeleteRecordsAsync(
        [
            new TopicPartitionOffset(topic, 0, 4),
            new TopicPartitionOffset(topic, 1, Offset.End),
            new TopicPartitionOffset(topic, 2, 99),
            new TopicPartitionOffset("missing-" + topic, 0, 1),
        ]);

        Assert.That(results.Select(r => r.LowWatermark).Take(2), Is.EqualTo(new long[] { 4, 6 }), "-1 deletes up to the high watermark");
        Assert.That(results[2].Error!.Error, Is.EqualTo(ErrorCode.OffsetOutOfRange));
        Assert.That(results[3].Error!.Error, Is.EqualTo(ErrorCode.UnknownTopicOrPartition));
        Assert.That(Cluster.DescribePartition(topic, 0).LogStartOffset, Is.EqualTo(4));
        Assert.That(Cluster.DescribePartition(topic, 2).LogStartOffset, Is.Zero);
        var earliest = await Admin.ListOffsetsAsync(Enumerable.Range(0, 3).ToDictionary(p => new TopicPartition(topic, p), _ => OffsetSpec.Earliest));
        Assert.That(earliest.Select(e => e.Offset), Is.EqualTo(new long[] { 4, 6, 0 }));
    }

    [Test]
    public void Offset_specs_refuse_negative_timestamps_and_repeated_partitions_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OffsetSpec.ForTimestamp(-5));
        Assert.ThrowsAsync<ArgumentException>(() => Admin.DeleteRecordsAsync([new TopicPartitionOffset("t", 0, 1), new TopicPartitionOffset("t", 0, 2)]));
    }
}
