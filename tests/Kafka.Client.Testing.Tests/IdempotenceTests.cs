using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests;

public class IdempotenceTests : BrokerTestBase
{
    private async Task<(RawConnection Leader, string Topic, long ProducerId)> SetUpAsync()
    {
        string topic = NewTopic();
        await Cluster.CreateTopicAsync(topic, replicationFactor: 3);
        RawConnection leader = await ConnectToLeaderAsync(topic, 0);
        var init = await leader.SendAsync<InitProducerIdResponse>(new InitProducerIdRequest { TransactionalId = null, TransactionTimeoutMs = 60_000 }, 4);
        Assert.That(Error(init.ErrorCode), Is.EqualTo(ErrorCode.None));
        Assert.That(init.ProducerEpoch, Is.Zero);
        return (leader, topic, init.ProducerId);
    }

    [Test]
    public async Task A_retried_batch_is_acknowledged_with_its_first_offset_and_not_appended_again()
    {
        var (leader, topic, pid) = await SetUpAsync();
        await using (leader)
        {
            byte[] batch = Batches.Build(3, pid, 0, 0);
            var first = Single(await leader.SendAsync<ProduceResponse>(Produce(topic, 0, batch), 9));
            var retry = Single(await leader.SendAsync<ProduceResponse>(Produce(topic, 0, batch), 9));
            Assert.That(Error(retry.ErrorCode), Is.EqualTo(ErrorCode.None));
            Assert.That(retry.BaseOffset, Is.EqualTo(first.BaseOffset));
            Assert.That(Cluster.DescribePartition(topic, 0).LogEndOffset, Is.EqualTo(3));
        }
    }

    [Test]
    public async Task A_sequence_gap_is_OutOfOrderSequenceNumber()
    {
        var (leader, topic, pid) = await SetUpAsync();
        await using (leader)
        {
            await leader.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(3, pid, 0, 0)), 9);
            var gap = Single(await leader.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(1, pid, 0, 5)), 9));
            Assert.That(Error(gap.ErrorCode), Is.EqualTo(ErrorCode.OutOfOrderSequenceNumber));
            var next = Single(await leader.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(1, pid, 0, 3)), 9));
            Assert.That(Error(next.ErrorCode), Is.EqualTo(ErrorCode.None));
            Assert.That(next.BaseOffset, Is.EqualTo(3));
        }
    }

    [Test]
    public async Task A_stale_epoch_is_fenced_after_an_epoch_bump()
    {
        var (leader, topic, pid) = await SetUpAsync();
        await using (leader)
        {
            await leader.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(1, pid, 0, 0)), 9);
            var bump = await leader.SendAsync<InitProducerIdResponse>(new InitProducerIdRequest { TransactionalId = null, ProducerId = pid, ProducerEpoch = 0 }, 4);
            Assert.That(bump.ProducerId, Is.EqualTo(pid));
            Assert.That(bump.ProducerEpoch, Is.EqualTo(1));
            await leader.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(1, pid, 1, 0)), 9);
            var stale = Single(await leader.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(1, pid, 0, 1)), 9));
            Assert.That(Error(stale.ErrorCode), Is.EqualTo(ErrorCode.InvalidProducerEpoch));
        }
    }

    [Test]
    public async Task An_unknown_producer_starting_past_sequence_zero_is_UnknownProducerId()
    {
        var (leader, topic, pid) = await SetUpAsync();
        await using (leader)
        {
            var result = Single(await leader.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(1, pid, 0, 7)), 9));
            Assert.That(Error(result.ErrorCode), Is.EqualTo(ErrorCode.UnknownProducerId));
        }
    }
}
