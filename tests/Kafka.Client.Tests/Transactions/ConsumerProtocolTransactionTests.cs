using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing;
using Kafka.Client.Tests.Consuming;
using static Kafka.Client.TestSupport.Eventually;

namespace Kafka.Client.Tests.Transactions;

/// <summary>
/// Consume-transform-produce with a consumer of the consumer protocol (KIP-848): the offsets sent to the transaction
/// carry the member id and the member epoch as the generation (KIP-447's fencing of zombies, as Java's
/// <c>AsyncKafkaConsumer.groupMetadata()</c> gives them), and are committed with the transaction or dropped with it.
/// </summary>
public class ConsumerProtocolTransactionTests : ConsumerTestBase
{
    protected override EmbeddedKafkaClusterOptions ClusterOptions => FastConsumerGroups(keepRecentRequests: true);

    private KafkaConsumer<string, string> Consumer(string group) => new(new ConsumerOptions
    {
        BootstrapServers = Cluster.BootstrapServers,
        GroupId = group,
        GroupProtocol = GroupProtocol.Consumer,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = false,
        IsolationLevel = IsolationLevel.ReadCommitted,
        FetchMaxWaitMs = 50,
    });

    private KafkaProducer<string, string> Transactional(string id) =>
        new(new ProducerOptions { BootstrapServers = Cluster.BootstrapServers, TransactionalId = id, LingerMs = 2, MaxBlockMs = 10_000 });

    private static List<TopicPartitionOffset> Next(List<ConsumeResult<string, string>> batch) =>
        [.. batch.GroupBy(r => r.TopicPartition).Select(g => new TopicPartitionOffset(g.Key, g.Max(r => r.Offset) + 1))];

    private long Committed(string group, string topic, int partitions) =>
        Enumerable.Range(0, partitions).Sum(p => Cluster.CommittedOffset(group, topic, p) ?? 0);

    private int BrokerEpoch(string group, string memberId) =>
        Cluster.DescribeConsumerGroup(group)?.Members.FirstOrDefault(m => m.MemberId == memberId)?.MemberEpoch ?? 0;

    [Test]
    [CancelAfter(40_000)]
    public async Task Offsets_sent_with_the_member_id_and_epoch_are_committed_with_the_transaction_and_dropped_with_an_abort()
    {
        await Cluster.CreateTopicAsync("cpt-in", partitions: 2);
        await Cluster.CreateTopicAsync("cpt-out", partitions: 2);
        await ProduceAsync("cpt-in", 20, 2);
        await using KafkaConsumer<string, string> consumer = Consumer("cpt-g");
        consumer.Subscribe("cpt-in");
        await using KafkaProducer<string, string> producer = Transactional("cpt-mover");
        await producer.InitTransactionsAsync();

        // The first ten move and commit.
        List<ConsumeResult<string, string>> first = await ConsumeAsync(consumer, 10);
        producer.BeginTransaction();
        foreach (ConsumeResult<string, string> record in first)
        {
            producer.Produce("cpt-out", new Message<string, string> { Key = record.Message.Key, Value = "out-" + record.Message.Value });
        }

        ConsumerGroupMetadata metadata = consumer.ConsumerGroupMetadata;
        await producer.SendOffsetsToTransactionAsync(Next(first), metadata);
        TxnOffsetCommitRequest sent = Cluster.RecentRequests<TxnOffsetCommitRequest>().Select(r => r.Request).Last(r => r.GroupId == "cpt-g");
        Assert.That(sent.MemberId, Is.EqualTo(consumer.MemberId));
        Assert.That(sent.GenerationId, Is.EqualTo(BrokerEpoch("cpt-g", consumer.MemberId)).And.GreaterThan(0), "the generation is the member epoch");
        Assert.That(Committed("cpt-g", "cpt-in", 2), Is.Zero, "nothing visible before the commit");
        await producer.CommitTransactionAsync();
        Assert.That(Committed("cpt-g", "cpt-in", 2), Is.EqualTo(10));

        // The next ten are aborted: their offsets are dropped with the transaction.
        List<ConsumeResult<string, string>> second = await ConsumeAsync(consumer, 10);
        producer.BeginTransaction();
        foreach (ConsumeResult<string, string> record in second)
        {
            producer.Produce("cpt-out", new Message<string, string> { Key = record.Message.Key, Value = "out-" + record.Message.Value });
        }

        await producer.SendOffsetsToTransactionAsync(Next(second), consumer.ConsumerGroupMetadata);
        await producer.AbortTransactionAsync();
        Assert.That(Committed("cpt-g", "cpt-in", 2), Is.EqualTo(10), "the aborted offsets are not committed");

        // A new member of the group starts where the committed transaction left off.
        await consumer.DisposeAsync();
        await using KafkaConsumer<string, string> next = Consumer("cpt-g");
        next.Subscribe("cpt-in");
        List<ConsumeResult<string, string>> again = await ConsumeAsync(next, 10);
        Assert.That(again.Select(r => r.Message.Value).Order(), Is.EquivalentTo(second.Select(r => r.Message.Value)));
    }

    [Test]
    [CancelAfter(40_000)]
    public async Task Offsets_sent_with_an_older_member_epoch_fail_with_ILLEGAL_GENERATION_and_the_transaction_must_abort()
    {
        await Cluster.CreateTopicAsync("cpt-stale-in", partitions: 2);
        await Cluster.CreateTopicAsync("cpt-stale-other", partitions: 1);
        await Cluster.CreateTopicAsync("cpt-stale-out", partitions: 1);
        await ProduceAsync("cpt-stale-in", 10, 2);
        await using KafkaConsumer<string, string> consumer = Consumer("cpt-stale-g");
        consumer.Subscribe("cpt-stale-in");
        await using KafkaProducer<string, string> producer = Transactional("cpt-stale-mover");
        await producer.InitTransactionsAsync();
        List<ConsumeResult<string, string>> batch = await ConsumeAsync(consumer, 10);
        ConsumerGroupMetadata old = consumer.ConsumerGroupMetadata;

        // Another member joins: the group epoch moves and this member's epoch with it (nothing to revoke).
        await using (await RawConsumerGroupMember.JoinAsync(Cluster, "cpt-stale-g", "cpt-stale-other"))
        {
            await WaitUntilAsync(() => consumer.ConsumerGroupMetadata.GenerationId > old.GenerationId, () => $"the member epoch to move past {old.GenerationId}");
        }

        producer.BeginTransaction();
        producer.Produce("cpt-stale-out", new Message<string, string> { Key = "k", Value = "v" });

        // Kafka's OffsetMetadataManager.validateTransactionalOffsetCommit turns the stale epoch into ILLEGAL_GENERATION,
        // which Java's TransactionManager (TxnOffsetCommitHandler) makes an abortable CommitFailedException.
        KafkaTransactionException? error = Assert.ThrowsAsync<KafkaTransactionException>(() => producer.SendOffsetsToTransactionAsync(Next(batch), old));
        Assert.That(error!.Error, Is.EqualTo(ErrorCode.IllegalGeneration));
        Assert.That(error.RequiresAbort, Is.True);
        Assert.That(error.IsFatal, Is.False);
        await producer.AbortTransactionAsync();
        Assert.That(Committed("cpt-stale-g", "cpt-stale-in", 2), Is.Zero);

        // With the current metadata the same offsets go through.
        producer.BeginTransaction();
        producer.Produce("cpt-stale-out", new Message<string, string> { Key = "k", Value = "v" });
        await producer.SendOffsetsToTransactionAsync(Next(batch), consumer.ConsumerGroupMetadata);
        await producer.CommitTransactionAsync();
        Assert.That(Committed("cpt-stale-g", "cpt-stale-in", 2), Is.EqualTo(10));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Records_still_lingering_when_the_offsets_fail_are_failed_at_once_and_the_abort_does_not_wait_for_them()
    {
        await Cluster.CreateTopicAsync("cpt-linger-out", partitions: 1);
        await using var producer = new KafkaProducer<string, string>(new ProducerOptions
        {
            BootstrapServers = Cluster.BootstrapServers, TransactionalId = "cpt-linger", LingerMs = 5_000, MaxBlockMs = 10_000,
        });
        await producer.InitTransactionsAsync();
        producer.BeginTransaction();
        Task<DeliveryResult<string, string>> lingering = producer.ProduceAsync("cpt-linger-out", new Message<string, string> { Key = "k", Value = "v" }).AsTask();
        Cluster.FailNextRequests(ApiKey.TxnOffsetCommit, 1, ErrorCode.IllegalGeneration);
        Assert.ThrowsAsync<KafkaTransactionException>(() => producer.SendOffsetsToTransactionAsync([new TopicPartitionOffset("cpt-linger-out", 0, 1)], new ConsumerGroupMetadata("cpt-linger-g", 1, "m", null)));

        // Java's Sender aborts the undrained batches of a transaction in error (abortUndrainedBatches): the record
        // fails with the transaction's error, and the abort does not wait for it until delivery.timeout.ms (120 s).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await producer.AbortTransactionAsync();
        Assert.That(clock.ElapsedMilliseconds, Is.LessThan(4_000), "the abort waited for the record that could never be sent");
        ProduceException<string, string>? failed = Assert.ThrowsAsync<ProduceException<string, string>>(async () => await lingering);
        Assert.That(failed!.Error, Is.EqualTo(ErrorCode.IllegalGeneration));

        // The producer goes on with a new transaction.
        producer.BeginTransaction();
        Task<DeliveryResult<string, string>> next = producer.ProduceAsync("cpt-linger-out", new Message<string, string> { Key = "k", Value = "v2" }).AsTask();
        await producer.CommitTransactionAsync();
        Assert.That((await next).Offset, Is.GreaterThanOrEqualTo(0));
    }
}
