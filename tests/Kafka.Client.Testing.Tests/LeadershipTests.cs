using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests;

/// <summary>Leadership follows brokers stopping and starting; acknowledged data stays.</summary>
public class LeadershipTests : BrokerTestBase
{
    [Test]
    public async Task Stopping_the_leader_moves_leadership_to_an_in_sync_replica_and_a_restart_moves_it_back()
    {
        string topic = NewTopic();
        await Cluster.CreateTopicAsync(topic, partitions: 1, replicationFactor: 3);
        EmbeddedPartitionInfo initial = Cluster.DescribePartition(topic, 0);
        await using (RawConnection leader = await ConnectToLeaderAsync(topic, 0))
        {
            Assert.That(Error(Single(await leader.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(5)), 9)).ErrorCode), Is.EqualTo(ErrorCode.None));
        }

        await Cluster.StopBrokerAsync(initial.Leader);
        EmbeddedPartitionInfo moved = Cluster.DescribePartition(topic, 0);
        Assert.That(moved.Leader, Is.Not.EqualTo(initial.Leader).And.Not.EqualTo(-1));
        Assert.That(moved.Isr, Does.Not.Contain(initial.Leader));
        Assert.That(moved.LeaderEpoch, Is.GreaterThan(initial.LeaderEpoch));
        Assert.That(moved.HighWatermark, Is.EqualTo(5), "acks=all data is on the new leader");

        await Cluster.StartBrokerAsync(initial.Leader);
        EmbeddedPartitionInfo back = await WaitForAsync(() => Cluster.DescribePartition(topic, 0), p => p.Leader == initial.Leader);
        Assert.That(back.Isr, Has.Count.EqualTo(3));
        Assert.That(back.HighWatermark, Is.EqualTo(5));
    }

    [Test]
    public async Task A_moved_leader_answers_and_the_old_one_says_NotLeaderOrFollower()
    {
        string topic = NewTopic();
        await Cluster.CreateTopicAsync(topic, partitions: 1, replicationFactor: 3);
        EmbeddedPartitionInfo initial = Cluster.DescribePartition(topic, 0);
        int target = initial.Replicas.First(r => r != initial.Leader);
        await Cluster.MoveLeaderAsync(topic, 0, target);
        await using RawConnection old = await RawConnection.ConnectAsync(Cluster, initial.Leader);
        Assert.That(Error(Single(await old.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(1)), 9)).ErrorCode), Is.EqualTo(ErrorCode.NotLeaderOrFollower));
        await using RawConnection current = await RawConnection.ConnectAsync(Cluster, target);
        for (int i = 0; i < 5; i++)
        {
            Assert.That(Error(Single(await current.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(1)), 9)).ErrorCode), Is.EqualTo(ErrorCode.None));
        }

        Assert.That(Cluster.DescribePartition(topic, 0).Leader, Is.EqualTo(target), "a moved leader stays moved while data flows");
    }

    [Test]
    public async Task Acks_all_fails_with_NotEnoughReplicas_when_the_isr_is_below_min_insync_replicas()
    {
        string topic = NewTopic();
        await Cluster.CreateTopicAsync(topic, partitions: 1, replicationFactor: 3, new Dictionary<string, string> { ["min.insync.replicas"] = "3" });
        EmbeddedPartitionInfo initial = Cluster.DescribePartition(topic, 0);
        await Cluster.StopBrokerAsync(initial.Replicas.First(r => r != initial.Leader));
        await using RawConnection leader = await ConnectToLeaderAsync(topic, 0);
        Assert.That(Error(Single(await leader.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(1)), 9)).ErrorCode), Is.EqualTo(ErrorCode.NotEnoughReplicas));
        Assert.That(Error(Single(await leader.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(1), acks: 1), 9)).ErrorCode), Is.EqualTo(ErrorCode.None));
    }

    [Test]
    public async Task Injected_errors_answer_the_next_requests_then_stop()
    {
        string topic = NewTopic();
        await Cluster.CreateTopicAsync(topic);
        Cluster.FailNextRequests(ApiKey.Produce, 2, ErrorCode.NotEnoughReplicas);
        await using RawConnection leader = await ConnectToLeaderAsync(topic, 0);
        for (int i = 0; i < 2; i++)
        {
            Assert.That(Error(Single(await leader.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(1)), 9)).ErrorCode), Is.EqualTo(ErrorCode.NotEnoughReplicas));
        }

        Assert.That(Error(Single(await leader.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(1)), 9)).ErrorCode), Is.EqualTo(ErrorCode.None));
        Assert.That(Cluster.DescribePartition(topic, 0).LogEndOffset, Is.EqualTo(1), "failed requests appended nothing");
    }

    [Test]
    public async Task Delayed_responses_arrive_after_the_delay()
    {
        string topic = NewTopic();
        await Cluster.CreateTopicAsync(topic);
        Cluster.DelayResponses(ApiKey.Metadata, TimeSpan.FromMilliseconds(300));
        await using RawConnection connection = await RawConnection.ConnectAsync(Cluster, Cluster.BrokerIds[0]);
        Task<MetadataResponse> metadata = connection.SendAsync<MetadataResponse>(new MetadataRequest { Topics = null }, 12);
        await Task.Delay(100);
        Assert.That(metadata.IsCompleted, Is.False);
        Assert.That((await metadata.WaitAsync(TimeSpan.FromSeconds(10))).Topics, Is.Not.Empty);
    }

    private static async Task<T> WaitForAsync<T>(Func<T> read, Func<T, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            T value = read();
            if (done(value))
            {
                return value;
            }

            await Task.Delay(10, timeout.Token);
        }
    }
}
