using Confluent.Kafka;
using Kafka.Client.Testing;

namespace Interop.Tests.Transactions;

/// <summary>
/// Confluent.Kafka's transactional producer and read_committed consumer (librdkafka, a transactional client nobody
/// here wrote) against our broker's transaction coordinator: commit and abort, offsets in the transaction, a zombie
/// fenced by a new instance, a transaction that times out.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class ConfluentTransactionTests
{
    private EmbeddedKafkaCluster _cluster = null!;

    [OneTimeSetUp]
    public async Task Start() => _cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 3 });

    [OneTimeTearDown]
    public async Task Stop() => await _cluster.DisposeAsync();

    private IProducer<string, string> Transactional(string transactionalId, int timeoutMs = 60_000) =>
        new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = _cluster.BootstrapServers,
            TransactionalId = transactionalId,
            TransactionTimeoutMs = timeoutMs,
            MessageTimeoutMs = Math.Min(timeoutMs, 30_000),
            SocketTimeoutMs = Math.Min(timeoutMs, 30_000),
            LingerMs = 5,
        }).Build();

    private List<string> ReadAll(string topic, IsolationLevel isolation, int partitions, int expected)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = _cluster.BootstrapServers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            IsolationLevel = isolation,
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        }).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var values = new List<string>();
        var ends = new HashSet<int>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && (ends.Count < partitions || values.Count < expected))
        {
            ConsumeResult<string, string>? result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                ends.Add(result.Partition.Value);
                continue;
            }

            values.Add(result.Message.Value);
        }

        return values;
    }

    [Test]
    public async Task Committed_records_are_read_committed_and_aborted_ones_only_uncommitted()
    {
        await _cluster.CreateTopicAsync("tx-commit-abort", partitions: 3, replicationFactor: 3);
        using (IProducer<string, string> producer = Transactional("tx-commit-abort"))
        {
            producer.InitTransactions(TimeSpan.FromSeconds(20));
            producer.BeginTransaction();
            for (int i = 0; i < 60; i++)
            {
                producer.Produce("tx-commit-abort", new Message<string, string> { Key = $"k{i}", Value = $"committed-{i}" });
            }

            producer.CommitTransaction(TimeSpan.FromSeconds(20));
            producer.BeginTransaction();
            for (int i = 0; i < 30; i++)
            {
                producer.Produce("tx-commit-abort", new Message<string, string> { Key = $"k{i}", Value = $"aborted-{i}" });
            }

            producer.Flush(TimeSpan.FromSeconds(20));
            producer.AbortTransaction(TimeSpan.FromSeconds(20));
            producer.BeginTransaction();
            await producer.ProduceAsync("tx-commit-abort", new Message<string, string> { Key = "last", Value = "committed-last" });
            producer.CommitTransaction(TimeSpan.FromSeconds(20));
        }

        List<string> committed = ReadAll("tx-commit-abort", IsolationLevel.ReadCommitted, 3, 61);
        Assert.That(committed, Has.Count.EqualTo(61));
        Assert.That(committed, Has.None.StartsWith("aborted-"));
        List<string> uncommitted = ReadAll("tx-commit-abort", IsolationLevel.ReadUncommitted, 3, 91);
        Assert.That(uncommitted, Has.Count.EqualTo(91), "read_uncommitted sees the aborted records too, never the markers");
    }

    [Test]
    public async Task Our_read_committed_consumer_reads_what_librdkafka_committed_and_waits_for_an_open_transaction()
    {
        await _cluster.CreateTopicAsync("tx-ours", partitions: 2, replicationFactor: 3);
        using IProducer<string, string> producer = Transactional("tx-ours");
        producer.InitTransactions(TimeSpan.FromSeconds(20));
        foreach (bool commit in new[] { true, false, true })
        {
            producer.BeginTransaction();
            for (int i = 0; i < 20; i++)
            {
                producer.Produce("tx-ours", new Message<string, string> { Key = $"k{i}", Value = $"{(commit ? "c" : "a")}{i}" });
            }

            producer.Flush(TimeSpan.FromSeconds(20));
            if (commit)
            {
                producer.CommitTransaction(TimeSpan.FromSeconds(20));
            }
            else
            {
                producer.AbortTransaction(TimeSpan.FromSeconds(20));
            }
        }

        // A transaction left open: its records are past the last stable offset.
        producer.BeginTransaction();
        producer.Produce("tx-ours", new Message<string, string> { Key = "open", Value = "pending" });
        producer.Flush(TimeSpan.FromSeconds(20));

        await using var consumer = new Kafka.Client.KafkaConsumer<string, string>(new Kafka.Client.ConsumerOptions
        {
            BootstrapServers = _cluster.BootstrapServers, GroupId = "ours-read-committed", AutoOffsetReset = Kafka.Client.AutoOffsetReset.Earliest,
            IsolationLevel = Kafka.Client.IsolationLevel.ReadCommitted,
        });
        consumer.Subscribe("tx-ours");
        var seen = new List<string>();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await foreach (Kafka.Client.ConsumeResult<string, string> record in consumer.ConsumeAsync(timeout.Token))
                {
                    seen.Add(record.Message.Value);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        Assert.That(seen, Has.Count.EqualTo(40));
        Assert.That(seen, Has.All.StartWith("c"), "no aborted record, and nothing of the open transaction");

        producer.CommitTransaction(TimeSpan.FromSeconds(20));
        using var after = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (Kafka.Client.ConsumeResult<string, string> record in consumer.ConsumeAsync(after.Token))
        {
            Assert.That(record.Message.Value, Is.EqualTo("pending"), "visible once committed");
            break;
        }
    }

    [Test]
    public async Task Librdkafkas_read_committed_consumer_sees_exactly_what_our_transactional_producer_committed()
    {
        await _cluster.CreateTopicAsync("tx-from-ours", partitions: 3, replicationFactor: 3);
        await using (var producer = new Kafka.Client.KafkaProducer<string, string>(new Kafka.Client.ProducerOptions
        {
            BootstrapServers = _cluster.BootstrapServers, TransactionalId = "tx-from-ours", LingerMs = 5,
        }))
        {
            await producer.InitTransactionsAsync();
            foreach (bool commit in new[] { true, false, true, false })
            {
                producer.BeginTransaction();
                for (int i = 0; i < 25; i++)
                {
                    producer.Produce("tx-from-ours", new Kafka.Client.Message<string, string> { Key = $"k{i}", Value = $"{(commit ? "c" : "a")}{i}" });
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

        List<string> committed = ReadAll("tx-from-ours", IsolationLevel.ReadCommitted, 3, 50);
        Assert.That(committed, Has.Count.EqualTo(50));
        Assert.That(committed, Has.All.StartWith("c"));
        Assert.That(ReadAll("tx-from-ours", IsolationLevel.ReadUncommitted, 3, 100), Has.Count.EqualTo(100), "librdkafka reads our control batches as markers, not records");
    }

    [Test]
    public void A_new_instance_fences_the_zombie_and_its_open_transaction_is_aborted()
    {
        _cluster.CreateTopicAsync("tx-zombie", partitions: 1, replicationFactor: 3).GetAwaiter().GetResult();
        using IProducer<string, string> zombie = Transactional("tx-zombie");
        zombie.InitTransactions(TimeSpan.FromSeconds(20));
        zombie.BeginTransaction();
        zombie.Produce("tx-zombie", new Message<string, string> { Key = "z", Value = "from-zombie" });
        zombie.Flush(TimeSpan.FromSeconds(10));

        using IProducer<string, string> successor = Transactional("tx-zombie");
        successor.InitTransactions(TimeSpan.FromSeconds(20));
        successor.BeginTransaction();
        successor.Produce("tx-zombie", new Message<string, string> { Key = "s", Value = "from-successor" });
        successor.CommitTransaction(TimeSpan.FromSeconds(20));

        var fenced = Assert.Throws<KafkaException>(() => zombie.CommitTransaction(TimeSpan.FromSeconds(10)));
        Assert.That(fenced!.Error.Code, Is.AnyOf(ErrorCode.ProducerFenced, ErrorCode.InvalidProducerEpoch, ErrorCode.Local_Fenced), fenced.Error.Reason);
        Assert.That(ReadAll("tx-zombie", IsolationLevel.ReadCommitted, 1, 1), Is.EqualTo(new[] { "from-successor" }));
    }

    [Test]
    public async Task A_transaction_past_its_timeout_is_aborted_and_does_not_block_readers()
    {
        await _cluster.CreateTopicAsync("tx-timeout", partitions: 1, replicationFactor: 3);
        using IProducer<string, string> slow = Transactional("tx-timeout-slow", timeoutMs: 1_500);
        slow.InitTransactions(TimeSpan.FromSeconds(20));
        slow.BeginTransaction();
        await slow.ProduceAsync("tx-timeout", new Message<string, string> { Key = "s", Value = "never-committed" });
        await Task.Delay(3_000);
        Assert.Throws<KafkaException>(() => slow.CommitTransaction(TimeSpan.FromSeconds(10)), "the coordinator aborted it and fenced the epoch");

        using (IProducer<string, string> other = Transactional("tx-timeout-other"))
        {
            other.InitTransactions(TimeSpan.FromSeconds(20));
            other.BeginTransaction();
            await other.ProduceAsync("tx-timeout", new Message<string, string> { Key = "o", Value = "committed" });
            other.CommitTransaction(TimeSpan.FromSeconds(20));
        }

        Assert.That(ReadAll("tx-timeout", IsolationLevel.ReadCommitted, 1, 1), Is.EqualTo(new[] { "committed" }));
    }

    [Test]
    public async Task Consume_transform_produce_commits_the_input_offsets_in_the_transaction()
    {
        await _cluster.CreateTopicAsync("tx-in", partitions: 2, replicationFactor: 3);
        await _cluster.CreateTopicAsync("tx-out", partitions: 2, replicationFactor: 3);
        using (var feeder = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = _cluster.BootstrapServers }).Build())
        {
            for (int i = 0; i < 100; i++)
            {
                feeder.Produce("tx-in", new Message<string, string> { Key = $"k{i % 10}", Value = $"{i}" });
            }

            feeder.Flush(TimeSpan.FromSeconds(20));
        }

        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = _cluster.BootstrapServers, GroupId = "tx-eos", EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest, IsolationLevel = IsolationLevel.ReadCommitted,
        }).Build();
        consumer.Subscribe("tx-in");
        using IProducer<string, string> producer = Transactional("tx-eos");
        producer.InitTransactions(TimeSpan.FromSeconds(20));
        int moved = 0;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (moved < 100 && DateTime.UtcNow < deadline)
        {
            producer.BeginTransaction();
            int inTransaction = 0;
            while (inTransaction < 10 && DateTime.UtcNow < deadline && consumer.Consume(TimeSpan.FromMilliseconds(500)) is { } record)
            {
                producer.Produce("tx-out", new Message<string, string> { Key = record.Message.Key, Value = "out-" + record.Message.Value });
                inTransaction++;
            }

            producer.SendOffsetsToTransaction(consumer.Assignment.Select(tp => new TopicPartitionOffset(tp, consumer.Position(tp))), consumer.ConsumerGroupMetadata, TimeSpan.FromSeconds(20));
            producer.CommitTransaction(TimeSpan.FromSeconds(20));
            moved += inTransaction;
        }

        Assert.That(moved, Is.EqualTo(100));
        List<string> output = ReadAll("tx-out", IsolationLevel.ReadCommitted, 2, 100);
        Assert.That(output.Select(v => int.Parse(v["out-".Length..], System.Globalization.CultureInfo.InvariantCulture)).Order(), Is.EqualTo(Enumerable.Range(0, 100)));
        List<TopicPartitionOffset> committed = consumer.Committed(TimeSpan.FromSeconds(10));
        Assert.That(committed.Sum(c => c.Offset.Value), Is.EqualTo(100), "the input offsets were committed by the transactions");
    }
}
