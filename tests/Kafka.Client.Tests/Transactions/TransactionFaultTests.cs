using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Transactions;

/// <summary>Transactions across broker restarts, leader moves and a whole-cluster restart on its data directory.</summary>
public class TransactionFaultTests
{
    private static async Task<List<string>> ReadCommittedAsync(EmbeddedKafkaCluster cluster, string topic, int expected)
    {
        await using var consumer = new KafkaConsumer<string, string>(new ConsumerOptions
        {
            BootstrapServers = cluster.BootstrapServers, GroupId = "rc-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest, IsolationLevel = IsolationLevel.ReadCommitted,
        });
        consumer.Subscribe(topic);
        var values = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await foreach (ConsumeResult<string, string> record in consumer.ConsumeAsync(timeout.Token))
            {
                values.Add(record.Message.Value);
                if (values.Count == expected)
                {
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
    public async Task A_transaction_commits_after_its_leaders_and_coordinator_restart_and_a_leader_moves()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 3 });
        await cluster.CreateTopicAsync("tx-faults", partitions: 3, replicationFactor: 3);
        await using var producer = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = cluster.BootstrapServers, TransactionalId = "tx-faults", MaxBlockMs = 30_000 });
        await producer.InitTransactionsAsync();
        producer.BeginTransaction();
        for (int i = 0; i < 30; i++)
        {
            await producer.ProduceAsync("tx-faults", new Message<string, string> { Key = $"k{i}", Value = $"first-{i}" });
        }

        int leader = cluster.DescribePartition("tx-faults", 0).Leader;
        await cluster.StopBrokerAsync(leader);
        int other = cluster.BrokerIds.First(id => id != leader && cluster.IsRunning(id) && cluster.DescribePartition("tx-faults", 1).Replicas.Contains(id));
        await cluster.MoveLeaderAsync("tx-faults", 1, other);
        for (int i = 30; i < 60; i++)
        {
            await producer.ProduceAsync("tx-faults", new Message<string, string> { Key = $"k{i}", Value = $"first-{i}" });
        }

        await cluster.StartBrokerAsync(leader);
        await producer.CommitTransactionAsync();
        List<string> values = await ReadCommittedAsync(cluster, "tx-faults", 60);
        Assert.That(values.Order(), Is.EqualTo(Enumerable.Range(0, 60).Select(i => $"first-{i}").Order()));
    }

    [Test]
    public async Task A_transaction_open_when_the_cluster_stopped_is_aborted_by_the_next_instance_after_the_restart()
    {
        string directory = Path.Combine(Path.GetTempPath(), "kafka-tx-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (EmbeddedKafkaCluster first = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 1, DataDirectory = directory }))
            {
                await first.CreateTopicAsync("tx-restart", partitions: 1, replicationFactor: 1);
                await using var producer = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = first.BootstrapServers, TransactionalId = "tx-restart" });
                await producer.InitTransactionsAsync();
                producer.BeginTransaction();
                await producer.ProduceAsync("tx-restart", new Message<string, string> { Key = "c", Value = "committed" });
                await producer.CommitTransactionAsync();
                producer.BeginTransaction();
                await producer.ProduceAsync("tx-restart", new Message<string, string> { Key = "o", Value = "left-open" });
            }

            await using EmbeddedKafkaCluster second = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 1, DataDirectory = directory });
            await using (var successor = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = second.BootstrapServers, TransactionalId = "tx-restart" }))
            {
                // The coordinator remembers the open transaction: the new instance's InitProducerId aborts it.
                await successor.InitTransactionsAsync();
                successor.BeginTransaction();
                await successor.ProduceAsync("tx-restart", new Message<string, string> { Key = "n", Value = "after-restart" });
                await successor.CommitTransactionAsync();
            }

            Assert.That(await ReadCommittedAsync(second, "tx-restart", 2), Is.EqualTo(new[] { "committed", "after-restart" }));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
