using System.Globalization;
using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Transactions;

/// <summary>
/// Exactly-once end to end: a consume-transform-produce loop moves 100,000 records from an input to an output topic in
/// transactions while brokers stop and start and leaders move; a read_committed reader of the output sees each input
/// record exactly once, in order per key. The counts and the fault schedule are printed.
/// </summary>
public class ExactlyOnceTests
{
    private const int Records = 100_000;
    private const int PerTransaction = 1_000;

    [Test]
    public async Task Every_record_moves_exactly_once_through_broker_restarts_and_leader_moves()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 3 });
        await cluster.CreateTopicAsync("eos-in", partitions: 4, replicationFactor: 3);
        await cluster.CreateTopicAsync("eos-out", partitions: 4, replicationFactor: 3);
        await using (var feeder = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = cluster.BootstrapServers, LingerMs = 5 }))
        {
            for (int i = 0; i < Records; i++)
            {
                feeder.Produce("eos-in", new Message<string, string> { Key = $"k{i % 50}", Value = i.ToString(CultureInfo.InvariantCulture) });
            }

            await feeder.FlushAsync();
        }

        var faults = new List<string>();
        await using var consumer = new KafkaConsumer<string, string>(new ConsumerOptions
        {
            BootstrapServers = cluster.BootstrapServers, GroupId = "eos", AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false, IsolationLevel = IsolationLevel.ReadCommitted,
        });
        consumer.Subscribe("eos-in");
        await using var producer = new KafkaProducer<string, string>(new ProducerOptions
        {
            BootstrapServers = cluster.BootstrapServers, TransactionalId = "eos-mover", LingerMs = 5, MaxBlockMs = 30_000,
        });
        await producer.InitTransactionsAsync();
        int moved = 0, transactions = 0;
        int? stopped = null;
        var batch = new List<ConsumeResult<string, string>>(PerTransaction);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await foreach (ConsumeResult<string, string> record in consumer.ConsumeAsync(timeout.Token))
        {
            batch.Add(record);
            if (batch.Count < PerTransaction && moved + batch.Count < Records)
            {
                continue;
            }

            producer.BeginTransaction();
            foreach (ConsumeResult<string, string> input in batch)
            {
                producer.Produce("eos-out", new Message<string, string> { Key = input.Message.Key, Value = input.Message.Value });
            }

            await producer.SendOffsetsToTransactionAsync(
                batch.GroupBy(r => r.TopicPartition).Select(g => new TopicPartitionOffset(g.Key, g.Max(r => r.Offset) + 1)), consumer.ConsumerGroupMetadata);

            // Faults in the middle of transactions: a broker stops every 10th, starts again 5 later; a leader moves every 7th.
            transactions++;
            if (transactions % 10 == 3 && stopped is null)
            {
                stopped = cluster.DescribePartition("eos-out", transactions % 4).Leader;
                await cluster.StopBrokerAsync(stopped.Value);
                faults.Add($"txn {transactions}: stopped broker {stopped}");
            }
            else if (transactions % 10 == 8 && stopped is { } down)
            {
                await cluster.StartBrokerAsync(down);
                faults.Add($"txn {transactions}: started broker {down}");
                stopped = null;
            }

            if (transactions % 7 == 0)
            {
                int partition = transactions % 4;
                int target = cluster.DescribePartition("eos-out", partition).Isr.First(id => id != cluster.DescribePartition("eos-out", partition).Leader && cluster.IsRunning(id));
                await cluster.MoveLeaderAsync("eos-out", partition, target);
                faults.Add($"txn {transactions}: moved eos-out [{partition}] to broker {target}");
            }

            await producer.CommitTransactionAsync();
            moved += batch.Count;
            batch.Clear();
            if (moved == Records)
            {
                break;
            }
        }

        if (stopped is { } last)
        {
            await cluster.StartBrokerAsync(last);
        }

        await using var reader = new KafkaConsumer<string, string>(new ConsumerOptions
        {
            BootstrapServers = cluster.BootstrapServers, GroupId = "eos-reader", AutoOffsetReset = AutoOffsetReset.Earliest, IsolationLevel = IsolationLevel.ReadCommitted,
        });
        reader.Subscribe("eos-out");
        var seen = new int[Records];
        var lastPerKey = new Dictionary<string, int>();
        int outOfOrder = 0, read = 0;
        using var readTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await foreach (ConsumeResult<string, string> record in reader.ConsumeAsync(readTimeout.Token))
            {
            int value = int.Parse(record.Message.Value, CultureInfo.InvariantCulture);
            seen[value]++;
            if (lastPerKey.TryGetValue(record.Message.Key, out int previous) && previous > value)
            {
                outOfOrder++;
            }

            lastPerKey[record.Message.Key] = value;
            if (++read == Records)
            {
                // Anything more would be a duplicate: read a moment longer.
                readTimeout.CancelAfter(TimeSpan.FromSeconds(1));
            }
        }
        }
        catch (OperationCanceledException)
        {
        }

        int lost = seen.Count(c => c == 0), duplicated = seen.Count(c => c > 1);
        TestContext.Out.WriteLine($"moved {moved} in {transactions} transactions; read {read}; lost {lost}, duplicated {duplicated}, out of order per key {outOfOrder}");
        TestContext.Out.WriteLine("faults: " + string.Join("; ", faults));
        Assert.That((lost, duplicated, outOfOrder), Is.EqualTo((0, 0, 0)));
        Assert.That(faults, Has.Count.GreaterThanOrEqualTo(20));
    }
}
