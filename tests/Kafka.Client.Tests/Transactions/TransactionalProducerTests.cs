using Kafka.Client.Protocol;
using Kafka.Client.Testing;
using Microsoft.Extensions.Logging;

namespace Kafka.Client.Tests.Transactions;

/// <summary>Our transactional producer against the embedded cluster's coordinator, read back by our read_committed consumer.</summary>
[Parallelizable(ParallelScope.All)]
public class TransactionalProducerTests
{
    private EmbeddedKafkaCluster _cluster = null!;

    [OneTimeSetUp]
    public async Task Start() => _cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 3 });

    [OneTimeTearDown]
    public async Task Stop() => await _cluster.DisposeAsync();

    private KafkaProducer<string, string> Transactional(string id, ILoggerFactory? logs = null) => Transactional(_cluster, id, logs);

    private static KafkaProducer<string, string> Transactional(EmbeddedKafkaCluster cluster, string id, ILoggerFactory? logs = null, int maxBlockMs = 20_000) =>
        new(new ProducerOptions { BootstrapServers = cluster.BootstrapServers, TransactionalId = id, LingerMs = 5, MaxBlockMs = maxBlockMs, LoggerFactory = logs });

    private Task<List<string>> ReadCommittedAsync(string topic, int expected) => ReadCommittedAsync(_cluster, topic, expected);

    private static async Task<List<string>> ReadCommittedAsync(EmbeddedKafkaCluster cluster, string topic, int expected)
    {
        await using var consumer = new KafkaConsumer<string, string>(new ConsumerOptions
        {
            BootstrapServers = cluster.BootstrapServers, GroupId = "rc-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest, IsolationLevel = IsolationLevel.ReadCommitted,
        });
        consumer.Subscribe(topic);
        var values = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(expected == 0 ? 3 : 20));
        try
        {
            await foreach (ConsumeResult<string, string> record in consumer.ConsumeAsync(timeout.Token))
            {
                values.Add(record.Message.Value);
                if (values.Count == expected)
                {
                    // Read a moment longer: anything past the expected count would be a bug.
                    timeout.CancelAfter(TimeSpan.FromMilliseconds(500));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return values;
    }

    [Test]
    public async Task Committed_transactions_are_seen_and_aborted_ones_never()
    {
        await _cluster.CreateTopicAsync("ours-tx", partitions: 3, replicationFactor: 3);
        await using (KafkaProducer<string, string> producer = Transactional("ours-tx"))
        {
            await producer.InitTransactionsAsync();
            foreach (bool commit in new[] { true, false, true })
            {
                producer.BeginTransaction();
                for (int i = 0; i < 50; i++)
                {
                    producer.Produce("ours-tx", new Message<string, string> { Key = $"k{i}", Value = $"{(commit ? "c" : "a")}{i}" });
                }

                if (commit)
                {
                    await producer.CommitTransactionAsync();
                }
                else
                {
                    await producer.AbortTransactionAsync();
                }
            }
        }

        List<string> values = await ReadCommittedAsync("ours-tx", 100);
        Assert.That(values, Has.Count.EqualTo(100));
        Assert.That(values, Has.All.StartWith("c"));
        Assert.That(Enumerable.Range(0, 3).Sum(p => _cluster.DescribePartition("ours-tx", p).HighWatermark), Is.GreaterThan(150), "the aborted records and the markers are in the log");
    }

    [Test]
    public async Task Closing_the_producer_aborts_its_open_transaction_so_read_committed_consumers_go_on()
    {
        await _cluster.CreateTopicAsync("close-tx", partitions: 1, replicationFactor: 3);
        await using (KafkaProducer<string, string> producer = Transactional("close-tx"))
        {
            await producer.InitTransactionsAsync();
            producer.BeginTransaction();
            for (int i = 0; i < 20; i++)
            {
                producer.Produce("close-tx", new Message<string, string> { Key = $"k{i}", Value = $"open{i}" });
            }
        }

        await using var admin = new KafkaAdminClient(new AdminClientOptions { BootstrapServers = _cluster.BootstrapServers });
        TransactionDescription described = (await admin.DescribeTransactionsAsync(["close-tx"]))[0];
        Assert.That(described.State, Is.EqualTo("CompleteAbort"), "aborted on close, not left to transaction.timeout.ms");
        await using (KafkaProducer<string, string> other = Transactional("close-tx-next"))
        {
            await other.InitTransactionsAsync();
            other.BeginTransaction();
            for (int i = 0; i < 10; i++)
            {
                other.Produce("close-tx", new Message<string, string> { Key = $"k{i}", Value = $"committed{i}" });
            }

            await other.CommitTransactionAsync();
        }

        // Had the first transaction stayed open, the last stable offset would stay below its records for a minute
        // (the default transaction.timeout.ms) and a read_committed consumer would read nothing meanwhile.
        List<string> values = await ReadCommittedAsync("close-tx", 10);
        Assert.That(values, Is.EqualTo(Enumerable.Range(0, 10).Select(i => $"committed{i}")));
        Assert.That(_cluster.DescribePartition("close-tx", 0).HighWatermark, Is.EqualTo(32), "20 aborted records, their abort marker, 10 committed and their marker");
    }

    [Test]
    public async Task A_transaction_with_nothing_in_it_ends_without_the_coordinator_and_the_producer_goes_on()
    {
        // The coordinator answers EndTxn for a transaction it never saw with INVALID_TXN_STATE; the Java client sends
        // none when nothing was added, for an abort as for a commit.
        await _cluster.CreateTopicAsync("empty-tx", partitions: 1, replicationFactor: 3);
        var logs = new CapturingLoggerFactory();
        await using (KafkaProducer<string, string> producer = Transactional("empty-tx", logs))
        {
            await producer.InitTransactionsAsync();
            producer.BeginTransaction();
            await producer.AbortTransactionAsync();
            producer.BeginTransaction();
            await producer.CommitTransactionAsync();
            producer.BeginTransaction();
            producer.Produce("empty-tx", new Message<string, string> { Key = "k", Value = "after" });
            await producer.CommitTransactionAsync();
            producer.BeginTransaction();
        }

        Assert.That(await ReadCommittedAsync("empty-tx", 1), Is.EqualTo(new[] { "after" }));
        Assert.That(logs.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message), Is.Empty, "closing with an empty transaction open is not a failure");
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_commit_that_timed_out_is_sent_again_by_the_next_commit_or_by_close(bool byClose)
    {
        // A cluster of its own: the EndTxn answers are held back for every client of it.
        await using EmbeddedKafkaCluster cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 1 });
        await cluster.CreateTopicAsync("retried", partitions: 1, replicationFactor: 1);
        var logs = new CapturingLoggerFactory();
        await using (KafkaProducer<string, string> producer = Transactional(cluster, "retried", logs, maxBlockMs: 300))
        {
            await producer.InitTransactionsAsync();
            producer.BeginTransaction();
            for (int i = 0; i < 5; i++)
            {
                producer.Produce("retried", new Message<string, string> { Key = "k", Value = $"v{i}" });
            }

            cluster.DelayResponses(ApiKey.EndTxn, TimeSpan.FromMilliseconds(700));
            KafkaException timedOut = Assert.ThrowsAsync<KafkaException>(() => producer.CommitTransactionAsync())!;
            Assert.That(timedOut, Is.Not.InstanceOf<KafkaTransactionException>(), "a timeout, neither fatal nor abortable: " + timedOut.Message);
            Assert.That(() => producer.BeginTransaction(), Throws.InvalidOperationException, "the transaction is still being committed");
            cluster.DelayResponses(ApiKey.EndTxn, TimeSpan.Zero);
            await Task.Delay(700); // the held answer goes by, so the next EndTxn is answered at once

            if (!byClose)
            {
                await producer.CommitTransactionAsync();
                producer.BeginTransaction();
                producer.Produce("retried", new Message<string, string> { Key = "k", Value = "v5" });
                await producer.CommitTransactionAsync();
            }
        }

        List<string> values = await ReadCommittedAsync(cluster, "retried", byClose ? 5 : 6);
        Assert.That(values, Is.EqualTo(Enumerable.Range(0, byClose ? 5 : 6).Select(i => $"v{i}")));
        if (byClose)
        {
            Assert.That(logs.Entries.Select(e => e.Message), Has.Some.EqualTo("The transaction of 'retried' left open was committed: the producer is being closed"));
        }
    }

    [Test]
    public async Task A_new_instance_fences_the_old_one_which_cannot_commit()
    {
        await _cluster.CreateTopicAsync("ours-zombie", partitions: 1, replicationFactor: 3);
        await using KafkaProducer<string, string> zombie = Transactional("ours-zombie");
        await zombie.InitTransactionsAsync();
        zombie.BeginTransaction();
        await zombie.ProduceAsync("ours-zombie", new Message<string, string> { Key = "z", Value = "zombie" });

        await using KafkaProducer<string, string> successor = Transactional("ours-zombie");
        await successor.InitTransactionsAsync();
        successor.BeginTransaction();
        await successor.ProduceAsync("ours-zombie", new Message<string, string> { Key = "s", Value = "successor" });
        await successor.CommitTransactionAsync();

        var fenced = Assert.ThrowsAsync<KafkaTransactionException>(() => zombie.CommitTransactionAsync());
        Assert.That(fenced!.IsFatal, Is.True, fenced.Message);
        Assert.That(fenced.Error, Is.AnyOf(ErrorCode.ProducerFenced, ErrorCode.InvalidProducerEpoch));
        Assert.That(await ReadCommittedAsync("ours-zombie", 1), Is.EqualTo(new[] { "successor" }));
    }

    [Test]
    public async Task A_failed_record_makes_the_transaction_abortable_and_the_producer_goes_on_after_the_abort()
    {
        await _cluster.CreateTopicAsync("ours-abortable", partitions: 1, replicationFactor: 3, new Dictionary<string, string> { ["max.message.bytes"] = "2000" });
        await using KafkaProducer<string, string> producer = Transactional("ours-abortable");
        await producer.InitTransactionsAsync();
        producer.BeginTransaction();
        producer.Produce("ours-abortable", new Message<string, string> { Key = "ok", Value = "fits" });
        producer.Produce("ours-abortable", new Message<string, string> { Key = "big", Value = new string('x', 5_000) });
        var failed = Assert.ThrowsAsync<KafkaTransactionException>(() => producer.CommitTransactionAsync());
        Assert.That(failed!.RequiresAbort, Is.True, failed.Message);
        await producer.AbortTransactionAsync();

        producer.BeginTransaction();
        await producer.ProduceAsync("ours-abortable", new Message<string, string> { Key = "next", Value = "after-abort" });
        await producer.CommitTransactionAsync();
        Assert.That(await ReadCommittedAsync("ours-abortable", 1), Is.EqualTo(new[] { "after-abort" }));
    }

    [Test]
    public async Task Consume_transform_produce_moves_every_record_once_with_its_offsets()
    {
        await _cluster.CreateTopicAsync("ours-in", partitions: 2, replicationFactor: 3);
        await _cluster.CreateTopicAsync("ours-out", partitions: 2, replicationFactor: 3);
        await using (var feeder = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = _cluster.BootstrapServers }))
        {
            for (int i = 0; i < 200; i++)
            {
                feeder.Produce("ours-in", new Message<string, string> { Key = $"k{i % 7}", Value = $"{i}" });
            }

            await feeder.FlushAsync();
        }

        await using var consumer = new KafkaConsumer<string, string>(new ConsumerOptions
        {
            BootstrapServers = _cluster.BootstrapServers, GroupId = "ours-eos", AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false, IsolationLevel = IsolationLevel.ReadCommitted,
        });
        consumer.Subscribe("ours-in");
        await using KafkaProducer<string, string> producer = Transactional("ours-eos");
        await producer.InitTransactionsAsync();
        int moved = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        var batch = new List<ConsumeResult<string, string>>();
        await foreach (ConsumeResult<string, string> record in consumer.ConsumeAsync(timeout.Token))
        {
            batch.Add(record);
            if (batch.Count < 25)
            {
                continue;
            }

            producer.BeginTransaction();
            foreach (ConsumeResult<string, string> input in batch)
            {
                producer.Produce("ours-out", new Message<string, string> { Key = input.Message.Key, Value = "out-" + input.Message.Value });
            }

            var positions = batch.GroupBy(r => r.TopicPartition).Select(g => new TopicPartitionOffset(g.Key, g.Max(r => r.Offset) + 1));
            await producer.SendOffsetsToTransactionAsync(positions, consumer.ConsumerGroupMetadata);
            await producer.CommitTransactionAsync();
            moved += batch.Count;
            batch.Clear();
            if (moved == 200)
            {
                break;
            }
        }

        List<string> output = await ReadCommittedAsync("ours-out", 200);
        Assert.That(output.Select(v => int.Parse(v["out-".Length..], System.Globalization.CultureInfo.InvariantCulture)).Order(), Is.EqualTo(Enumerable.Range(0, 200)));
        Assert.That(_cluster.CommittedOffset("ours-eos", "ours-in", 0) + _cluster.CommittedOffset("ours-eos", "ours-in", 1), Is.EqualTo(200), "the input offsets committed with the transactions");
    }

    [Test]
    public async Task A_transactional_producer_sends_only_inside_a_transaction()
    {
        await using KafkaProducer<string, string> producer = Transactional("ours-outside");
        Assert.Throws<InvalidOperationException>(() => producer.BeginTransaction(), "not initialised");
        await producer.InitTransactionsAsync();
        Assert.Throws<InvalidOperationException>(() => producer.Produce("t", new Message<string, string> { Key = "k", Value = "v" }));
        Assert.ThrowsAsync<InvalidOperationException>(() => producer.CommitTransactionAsync());
    }
}
