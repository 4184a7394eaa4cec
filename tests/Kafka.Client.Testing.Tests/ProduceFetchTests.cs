using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests;

public class ProduceFetchTests : BrokerTestBase
{
    [Test]
    public async Task Produce_assigns_consecutive_offsets_and_fetch_returns_the_batches()
    {
        string topic = NewTopic();
        await Cluster.CreateTopicAsync(topic, partitions: 1, replicationFactor: 3);
        await using RawConnection leader = await ConnectToLeaderAsync(topic, 0);

        var first = Single(await leader.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(5)), 9));
        var second = Single(await leader.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(3)), 9));
        Assert.That(Error(first.ErrorCode), Is.EqualTo(ErrorCode.None));
        Assert.That(first.BaseOffset, Is.Zero);
        Assert.That(second.BaseOffset, Is.EqualTo(5));

        var fetched = Single(await leader.SendAsync<FetchResponse>(Fetch(topic, 0, 0), 12));
        Assert.That(Error(fetched.ErrorCode), Is.EqualTo(ErrorCode.None));
        Assert.That(fetched.HighWatermark, Is.EqualTo(8));
        Assert.That(fetched.Records!.Value.Length, Is.EqualTo(Batches.Build(5).Length + Batches.Build(3).Length));
        Assert.That(Cluster.DescribePartition(topic, 0).LogEndOffset, Is.EqualTo(8));
    }

    [Test]
    public async Task Two_batches_for_one_partition_in_one_request_are_refused_and_nothing_is_appended()
    {
        string topic = NewTopic();
        await Cluster.CreateTopicAsync(topic);
        await using RawConnection leader = await ConnectToLeaderAsync(topic, 0);
        byte[] two = [.. Batches.Build(2), .. Batches.Build(3)];
        var result = Single(await leader.SendAsync<ProduceResponse>(Produce(topic, 0, two), 9));
        Assert.That(Error(result.ErrorCode), Is.EqualTo(ErrorCode.InvalidRecord), "Kafka accepts exactly one batch per partition from v3 on");
        Assert.That(result.ErrorMessage, Does.Contain("exactly one record batch per partition"));
        Assert.That(Cluster.DescribePartition(topic, 0).LogEndOffset, Is.Zero);
    }

    [Test]
    public async Task Produce_to_a_follower_fails_with_NotLeaderOrFollower()
    {
        string topic = NewTopic();
        await Cluster.CreateTopicAsync(topic, partitions: 1, replicationFactor: 3);
        int follower = Cluster.DescribePartition(topic, 0).Replicas.First(r => r != Cluster.DescribePartition(topic, 0).Leader);
        await using RawConnection connection = await RawConnection.ConnectAsync(Cluster, follower);
        var result = Single(await connection.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(1)), 9));
        Assert.That(Error(result.ErrorCode), Is.EqualTo(ErrorCode.NotLeaderOrFollower));
    }

    [Test]
    public async Task A_batch_with_a_bad_crc_is_rejected_as_CorruptMessage()
    {
        string topic = NewTopic();
        await Cluster.CreateTopicAsync(topic);
        byte[] batch = Batches.Build(2);
        batch[^1] ^= 0xFF;
        await using RawConnection leader = await ConnectToLeaderAsync(topic, 0);
        var result = Single(await leader.SendAsync<ProduceResponse>(Produce(topic, 0, batch), 9));
        Assert.That(Error(result.ErrorCode), Is.EqualTo(ErrorCode.CorruptMessage));
        Assert.That(Cluster.DescribePartition(topic, 0).LogEndOffset, Is.Zero);
    }

    [Test]
    public async Task Produce_to_an_unknown_topic_fails_with_UnknownTopicOrPartition()
    {
        await using RawConnection connection = await RawConnection.ConnectAsync(Cluster, Cluster.BrokerIds[0]);
        var result = Single(await connection.SendAsync<ProduceResponse>(Produce("missing-topic", 0, Batches.Build(1)), 9));
        Assert.That(Error(result.ErrorCode), Is.EqualTo(ErrorCode.UnknownTopicOrPartition));
    }

    [Test]
    public async Task Acks_zero_sends_no_response_and_still_appends()
    {
        string topic = NewTopic();
        await Cluster.CreateTopicAsync(topic);
        await using RawConnection leader = await ConnectToLeaderAsync(topic, 0);
        await leader.WriteAsync(Produce(topic, 0, Batches.Build(4), acks: 0), 9);
        // The next response on the connection must belong to the next request, not to the acks=0 produce.
        var metadata = await leader.SendAsync<MetadataResponse>(new MetadataRequest { Topics = null }, 12);
        Assert.That(metadata.Topics.Select(t => t.Name), Does.Contain(topic));
        Assert.That(Cluster.DescribePartition(topic, 0).LogEndOffset, Is.EqualTo(4));
    }

    [Test]
    public async Task A_long_poll_fetch_wakes_up_when_data_arrives()
    {
        string topic = NewTopic();
        await Cluster.CreateTopicAsync(topic);
        await using RawConnection consumer = await ConnectToLeaderAsync(topic, 0);
        await using RawConnection producer = await ConnectToLeaderAsync(topic, 0);

        Task<FetchResponse> fetch = consumer.SendAsync<FetchResponse>(Fetch(topic, 0, 0, maxWaitMs: 60_000), 12);
        await Task.Delay(100);
        Assert.That(fetch.IsCompleted, Is.False, "with no data the fetch waits");

        await producer.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(2)), 9);
        FetchResponse response = await fetch.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(Single(response).Records!.Value.Length, Is.GreaterThan(0));
    }

    [Test]
    public async Task A_fetch_with_max_wait_returns_empty_after_the_wait()
    {
        string topic = NewTopic();
        await Cluster.CreateTopicAsync(topic);
        await using RawConnection consumer = await ConnectToLeaderAsync(topic, 0);
        FetchResponse response = await consumer.SendAsync<FetchResponse>(Fetch(topic, 0, 0, maxWaitMs: 200), 12)
            .WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(Single(response).Records!.Value.Length, Is.Zero);
    }

    [Test]
    public async Task Fetch_respects_the_partition_byte_limit_but_returns_at_least_one_batch()
    {
        string topic = NewTopic();
        await Cluster.CreateTopicAsync(topic);
        await using RawConnection leader = await ConnectToLeaderAsync(topic, 0);
        byte[] batch = Batches.Build(10, valueSize: 200);
        for (int i = 0; i < 3; i++)
        {
            await leader.SendAsync<ProduceResponse>(Produce(topic, 0, batch), 9);
        }

        FetchRequest request = Fetch(topic, 0, 0);
        request.Topics[0].Partitions[0].PartitionMaxBytes = 10;
        var oneBatch = Single(await leader.SendAsync<FetchResponse>(request, 12));
        Assert.That(oneBatch.Records!.Value.Length, Is.EqualTo(batch.Length));

        request.Topics[0].Partitions[0].PartitionMaxBytes = batch.Length * 2 + 1;
        var twoBatches = Single(await leader.SendAsync<FetchResponse>(request, 12));
        Assert.That(twoBatches.Records!.Value.Length, Is.EqualTo(batch.Length * 2));
    }

    [Test]
    public async Task Fetch_beyond_the_log_end_is_OffsetOutOfRange()
    {
        string topic = NewTopic();
        await Cluster.CreateTopicAsync(topic);
        await using RawConnection leader = await ConnectToLeaderAsync(topic, 0);
        var result = Single(await leader.SendAsync<FetchResponse>(Fetch(topic, 0, 42), 12));
        Assert.That(Error(result.ErrorCode), Is.EqualTo(ErrorCode.OffsetOutOfRange));
    }

    [Test]
    public async Task Log_append_time_topics_stamp_batches_with_the_broker_time()
    {
        string topic = NewTopic();
        await Cluster.CreateTopicAsync(topic, configs: new Dictionary<string, string> { ["message.timestamp.type"] = "LogAppendTime" });
        await using RawConnection leader = await ConnectToLeaderAsync(topic, 0);
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var result = Single(await leader.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(1, timestamp: 1)), 9));
        Assert.That(result.LogAppendTimeMs, Is.GreaterThanOrEqualTo(before));
        var fetched = Single(await leader.SendAsync<FetchResponse>(Fetch(topic, 0, 0), 12));
        byte[] stored = fetched.Records!.Value.ToArray();
        Assert.That(stored[22] & 0x08, Is.EqualTo(0x08), "the timestamp type bit is set");
    }
}
