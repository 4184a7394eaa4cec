using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests;

/// <summary>ListOffsets, DeleteRecords, OffsetForLeaderEpoch, DescribeCluster and retention.</summary>
public class OffsetsApiTests : BrokerTestBase
{
    private static ListOffsetsRequest ListOffsets(string topic, long timestamp) => new()
    {
        ReplicaId = -1,
        Topics = [new ListOffsetsRequest.ListOffsetsTopic { Name = topic, Partitions = [new ListOffsetsRequest.ListOffsetsPartition { PartitionIndex = 0, Timestamp = timestamp }] }],
    };

    [Test]
    public async Task ListOffsets_answers_earliest_latest_max_timestamp_and_by_timestamp()
    {
        string topic = NewTopic();
        await Cluster.CreateTopicAsync(topic);
        await using RawConnection leader = await ConnectToLeaderAsync(topic, 0);
        await leader.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(3, timestamp: 1_000)), 9);
        await leader.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(2, timestamp: 5_000)), 9);
        await leader.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(1, timestamp: 3_000)), 9);

        async Task<ListOffsetsResponse.ListOffsetsPartitionResponse> AskAsync(long timestamp) =>
            (await leader.SendAsync<ListOffsetsResponse>(ListOffsets(topic, timestamp), 8)).Topics[0].Partitions[0];

        Assert.That((await AskAsync(-2)).Offset, Is.Zero, "earliest");
        Assert.That((await AskAsync(-1)).Offset, Is.EqualTo(6), "latest");
        var max = await AskAsync(-3);
        Assert.That((max.Offset, max.Timestamp), Is.EqualTo((4L, 5_000L)), "max timestamp: the last record of the batch with the largest timestamp");
        var byTime = await AskAsync(4_000);
        Assert.That((byTime.Offset, byTime.Timestamp), Is.EqualTo((3L, 5_000L)), "first batch whose timestamps reach 4000");
        Assert.That((await AskAsync(9_999)).Offset, Is.EqualTo(-1), "nothing that late");
    }

    [Test]
    public async Task ListOffsets_by_timestamp_finds_the_record_inside_a_batch()
    {
        string topic = NewTopic();
        await Cluster.CreateTopicAsync(topic);
        await using RawConnection leader = await ConnectToLeaderAsync(topic, 0);
        await leader.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(5, timestamp: 1_000, timestampStep: 100)), 9);

        var found = (await leader.SendAsync<ListOffsetsResponse>(ListOffsets(topic, 1_250), 8)).Topics[0].Partitions[0];
        Assert.That((found.Offset, found.Timestamp), Is.EqualTo((3L, 1_300L)), "the first record at or after 1250, not the start of its batch");
    }

    [Test]
    public async Task DeleteRecords_moves_the_log_start_offset()
    {
        string topic = NewTopic();
        await Cluster.CreateTopicAsync(topic);
        await using RawConnection leader = await ConnectToLeaderAsync(topic, 0);
        for (int i = 0; i < 3; i++)
        {
            await leader.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(5)), 9);
        }

        var response = await leader.SendAsync<DeleteRecordsResponse>(new DeleteRecordsRequest
        {
            TimeoutMs = 10_000,
            Topics = [new DeleteRecordsRequest.DeleteRecordsTopic { Name = topic, Partitions = [new DeleteRecordsRequest.DeleteRecordsPartition { PartitionIndex = 0, Offset = 10 }] }],
        }, 2);
        var result = response.Topics[0].Partitions[0];
        Assert.That(Error(result.ErrorCode), Is.EqualTo(ErrorCode.None));
        Assert.That(result.LowWatermark, Is.EqualTo(10));
        Assert.That(Cluster.DescribePartition(topic, 0).LogStartOffset, Is.EqualTo(10));
        Assert.That(Error(Single(await leader.SendAsync<FetchResponse>(Fetch(topic, 0, 5), 12)).ErrorCode), Is.EqualTo(ErrorCode.OffsetOutOfRange));
    }

    [Test]
    public async Task OffsetForLeaderEpoch_gives_the_end_offset_of_an_epoch()
    {
        string topic = NewTopic();
        await Cluster.CreateTopicAsync(topic, replicationFactor: 3);
        EmbeddedPartitionInfo initial = Cluster.DescribePartition(topic, 0);
        await using (RawConnection first = await ConnectToLeaderAsync(topic, 0))
        {
            await first.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(4)), 9);
        }

        await Cluster.MoveLeaderAsync(topic, 0, initial.Replicas.First(r => r != initial.Leader));
        await using RawConnection leader = await ConnectToLeaderAsync(topic, 0);
        var response = await leader.SendAsync<OffsetForLeaderEpochResponse>(new OffsetForLeaderEpochRequest
        {
            ReplicaId = -1,
            Topics = [new OffsetForLeaderEpochRequest.OffsetForLeaderTopic { Topic = topic, Partitions = [new OffsetForLeaderEpochRequest.OffsetForLeaderPartition { Partition = 0, LeaderEpoch = initial.LeaderEpoch, CurrentLeaderEpoch = -1 }] }],
        }, 4);
        var end = response.Topics[0].Partitions[0];
        Assert.That(Error(end.ErrorCode), Is.EqualTo(ErrorCode.None));
        Assert.That((end.LeaderEpoch, end.EndOffset), Is.EqualTo((initial.LeaderEpoch, 4L)));
    }

    [Test]
    public async Task DescribeCluster_lists_the_live_brokers_and_the_controller()
    {
        await Cluster.StopBrokerAsync(Cluster.BrokerIds[2]);
        await using RawConnection connection = await RawConnection.ConnectAsync(Cluster, Cluster.BrokerIds[0]);
        var response = await connection.SendAsync<DescribeClusterResponse>(new DescribeClusterRequest(), 1);
        Assert.That(response.ClusterId, Is.EqualTo(Cluster.ClusterId));
        Assert.That(response.Brokers.Select(b => b.BrokerId), Is.EquivalentTo(Cluster.BrokerIds.Take(2)));
        Assert.That(response.ControllerId, Is.EqualTo(Cluster.BrokerIds[0]));
    }

    [Test]
    public async Task Retention_bytes_drops_the_oldest_batches()
    {
        string topic = NewTopic();
        int batchSize = Batches.Build(10).Length;
        await Cluster.CreateTopicAsync(topic, configs: new Dictionary<string, string> { ["retention.bytes"] = (batchSize * 2).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await using RawConnection leader = await ConnectToLeaderAsync(topic, 0);
        for (int i = 0; i < 5; i++)
        {
            await leader.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(10)), 9);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Cluster.DescribePartition(topic, 0).LogStartOffset < 30)
        {
            await Task.Delay(50, timeout.Token);
        }

        EmbeddedPartitionInfo info = Cluster.DescribePartition(topic, 0);
        Assert.That(info.LogStartOffset, Is.EqualTo(30));
        Assert.That(info.LogSizeBytes, Is.EqualTo(batchSize * 2));
    }
}
