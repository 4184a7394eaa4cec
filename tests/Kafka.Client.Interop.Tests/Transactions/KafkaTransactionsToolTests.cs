using Kafka.Client;
using Kafka.Client.Testing;

namespace Interop.Tests.Transactions;

/// <summary>
/// Transactions as the admin sees them: our admin client's ListTransactions, DescribeTransactions and
/// DescribeProducers, and `kafka transactions --list/--describe`, while a transaction is open and after it committed.
/// </summary>
public class KafkaTransactionsToolTests
{
    [Test]
    public async Task An_open_transaction_is_listed_described_and_its_producer_seen_on_the_partition()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 3 });
        await cluster.CreateTopicAsync("tx-admin", partitions: 2, replicationFactor: 3);
        await using var producer = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = cluster.BootstrapServers, TransactionalId = "tx-admin-id" });
        await producer.InitTransactionsAsync();
        producer.BeginTransaction();
        await producer.ProduceAsync(new TopicPartition("tx-admin", 1), new Message<string, string> { Key = "k", Value = "v" });

        await using var admin = new KafkaAdminClient(new AdminClientOptions { BootstrapServers = cluster.BootstrapServers });
        TransactionListing listed = (await admin.ListTransactionsAsync()).Single();
        Assert.That((listed.TransactionalId, listed.State), Is.EqualTo(("tx-admin-id", "Ongoing")));
        TransactionDescription described = (await admin.DescribeTransactionsAsync(["tx-admin-id"]))[0];
        Assert.That(described.Partitions, Is.EqualTo(new[] { new TopicPartition("tx-admin", 1) }));
        Assert.That(described.ProducerId, Is.EqualTo(listed.ProducerId));
        Assert.That(described.StartTimeMs, Is.GreaterThan(0));
        IReadOnlyList<ProducerStateDescription> producers = (await admin.DescribeProducersAsync([new TopicPartition("tx-admin", 1)]))[new TopicPartition("tx-admin", 1)];
        Assert.That(producers.Single().ProducerId, Is.EqualTo(listed.ProducerId));
        Assert.That(producers.Single().CurrentTransactionStartOffset, Is.Zero, "the open transaction starts at offset 0");

        ToolResult list = await KafkaTool.RunAsync("", "transactions", "--bootstrap-server", cluster.BootstrapServers, "--list");
        Assert.That(list.ExitCode, Is.Zero, list.ToString());
        Assert.That(list.Output, Does.Contain($"tx-admin-id\t{listed.ProducerId}\tOngoing"));
        ToolResult describe = await KafkaTool.RunAsync("", "transactions", "--bootstrap-server", cluster.BootstrapServers, "--describe", "--transactional-id", "tx-admin-id");
        Assert.That(describe.ExitCode, Is.Zero, describe.ToString());
        Assert.That(describe.Output, Does.Contain("\tOngoing\t60000\t").And.Contain("tx-admin-1"));

        await producer.CommitTransactionAsync();
        Assert.That((await admin.DescribeTransactionsAsync(["tx-admin-id"]))[0].State, Is.EqualTo("CompleteCommit"));
        ToolResult missing = await KafkaTool.RunAsync("", "transactions", "--bootstrap-server", cluster.BootstrapServers, "--describe", "--transactional-id", "nobody");
        Assert.That(missing.ExitCode, Is.Not.Zero);
        Assert.That(missing.Error, Does.Contain("TransactionalIdNotFound"));
    }
}
