using System.Globalization;

namespace Kafka.Client.Cli.Transactions;

/// <summary>What <c>kafka transactions</c> does, printing tab-separated columns as <c>kafka-transactions.sh</c> does.</summary>
internal sealed class TransactionService(AdminClientOptions options, TextWriter output) : IAsyncDisposable
{
    private readonly KafkaAdminClient _admin = new(options);

    public ValueTask DisposeAsync() => _admin.DisposeAsync();

    public async Task ListAsync(CancellationToken cancellationToken)
    {
        await output.WriteLineAsync("TransactionalId\tProducerId\tTransactionState").ConfigureAwait(false);
        foreach (TransactionListing listing in await _admin.ListTransactionsAsync(cancellationToken).ConfigureAwait(false))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{listing.TransactionalId}\t{listing.ProducerId}\t{listing.State}")).ConfigureAwait(false);
        }
    }

    public async Task DescribeAsync(string transactionalId, CancellationToken cancellationToken)
    {
        TransactionDescription description = (await _admin.DescribeTransactionsAsync([transactionalId], cancellationToken).ConfigureAwait(false))[0];
        if (description.Error is { } error)
        {
            throw error;
        }

        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        string duration = description.StartTimeMs < 0 ? "None" : (now - description.StartTimeMs).ToString(CultureInfo.InvariantCulture);
        string start = description.StartTimeMs < 0 ? "None" : description.StartTimeMs.ToString(CultureInfo.InvariantCulture);
        await output.WriteLineAsync("TransactionalId\tProducerId\tProducerEpoch\tTransactionState\tTransactionTimeoutMs\tCurrentTransactionStartTimeMs\tTransactionDurationMs\tTopicPartitions").ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{description.TransactionalId}\t{description.ProducerId}\t{description.ProducerEpoch}\t{description.State}\t{description.TimeoutMs}\t{start}\t{duration}\t{string.Join(",", description.Partitions.Select(p => $"{p.Topic}-{p.Partition}"))}")).ConfigureAwait(false);
    }
}
