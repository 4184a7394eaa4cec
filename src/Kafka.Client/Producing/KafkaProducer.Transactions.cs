using Kafka.Client.Diagnostics;
using Kafka.Client.Producing.Transactions;

namespace Kafka.Client;

/// <summary>
/// Transactions (KIP-98) with <see cref="ProducerOptions.TransactionalId"/>: records to many partitions and a
/// consumer's offsets, committed or aborted together; read_committed consumers see all of them or none. Names and
/// behaviour as Confluent.Kafka's and the Java client's.
/// </summary>
public sealed partial class KafkaProducer<TKey, TValue>
{
    private TransactionManager Transactions => _sender.Transactions
        ?? throw new InvalidOperationException("The producer has no transactional.id (ProducerOptions.TransactionalId): it cannot use transactions.");

    /// <summary>
    /// Registers the transactional id with its coordinator, once, before the first transaction: this instance gets the
    /// id's producer id and a new epoch, which fences any older instance, and an open transaction of one is aborted.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait (bounded by <c>max.block.ms</c> anyway).</param>
    /// <exception cref="KafkaTransactionException">The coordinator refused (fatal: <see cref="KafkaTransactionException.IsFatal"/>).</exception>
    /// <exception cref="KafkaException">No coordinator answered within <c>max.block.ms</c>.</exception>
    /// <exception cref="InvalidOperationException">The producer has no transactional id, or was initialised already.</exception>
    public Task InitTransactionsAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return Transactions.InitAsync(cancellationToken);
    }

    /// <summary>Opens a transaction: records produced from now on belong to it until it is committed or aborted.</summary>
    /// <exception cref="InvalidOperationException">Not initialised, or a transaction is open already.</exception>
    /// <exception cref="KafkaTransactionException">The producer was fenced.</exception>
    public void BeginTransaction()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        Transactions.Begin();
    }

    /// <summary>
    /// Commits a consumer's positions in the open transaction (AddOffsetsToTxn and TxnOffsetCommit): they become the
    /// group's committed offsets only if the transaction commits. Pass the consumer's
    /// <see cref="KafkaConsumer{TKey, TValue}.ConsumerGroupMetadata"/>, so a consumer of an older generation is fenced (KIP-447).
    /// </summary>
    /// <param name="offsets">The next offsets to read, per partition (the consumer's positions).</param>
    /// <param name="groupMetadata">The consumer's group metadata.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="KafkaTransactionException">The transaction failed (abort it), or the producer was fenced.</exception>
    /// <exception cref="InvalidOperationException">No transaction is open.</exception>
    public Task SendOffsetsToTransactionAsync(IEnumerable<TopicPartitionOffset> offsets, ConsumerGroupMetadata groupMetadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(groupMetadata);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return Transactions.SendOffsetsAsync([.. offsets], groupMetadata, cancellationToken);
    }

    /// <summary>
    /// Sends what is left, waits for every record of the transaction, then commits it (EndTxn): its records and
    /// offsets become visible to read_committed consumers together.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="KafkaTransactionException">
    /// A record was not delivered or the broker refused (<see cref="KafkaTransactionException.RequiresAbort"/>: call
    /// <see cref="AbortTransactionAsync"/>), or the producer was fenced (<see cref="KafkaTransactionException.IsFatal"/>).
    /// </exception>
    /// <exception cref="KafkaException">
    /// The coordinator did not answer within <c>max.block.ms</c>: the transaction stays committing, and calling this
    /// again sends the commit again (closing the producer does too).
    /// </exception>
    /// <exception cref="InvalidOperationException">No transaction is open.</exception>
    public async Task CommitTransactionAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _ = Transactions;
        await _accumulator.FlushAsync(cancellationToken).ConfigureAwait(false);
        await Transactions.EndAsync(commit: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Aborts the open transaction (or one that failed): its records are marked aborted and read_committed consumers
    /// never see them; its offsets are dropped. The producer can begin a new transaction afterwards.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="KafkaTransactionException">The producer was fenced.</exception>
    /// <exception cref="InvalidOperationException">No transaction is open.</exception>
    public async Task AbortTransactionAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _ = Transactions;
        await _accumulator.FlushAsync(cancellationToken).ConfigureAwait(false);
        await Transactions.EndAsync(commit: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// On close, a transaction still open (or failed and not aborted yet) is aborted, as the Java client's sender does
    /// on shutdown (Sender.run: "Aborting incomplete transaction due to shutdown"), so read_committed consumers are not
    /// held back until the coordinator times it out (<c>transaction.timeout.ms</c>); one whose commit or abort timed
    /// out is ended as it was asked to be, as the Java sender still completes it. Bounded by <c>max.block.ms</c>; a
    /// failure is logged, as close does not throw.
    /// </summary>
    private async Task EndOpenTransactionAsync()
    {
        if (_sender.Transactions is not { } transactions
            || transactions.State is not (TransactionState.InTransaction or TransactionState.AbortableError or TransactionState.Committing or TransactionState.Aborting))
        {
            return;
        }

        bool commit = transactions.State == TransactionState.Committing;
        try
        {
            using var timeout = new CancellationTokenSource(_settings.MaxBlock);
            await transactions.EndAsync(commit, timeout.Token).ConfigureAwait(false);
            LogMessages.LogTransactionEndedOnClose(_logger, transactions.TransactionalId, commit ? "committed" : "aborted");
        }
        catch (Exception e) when (e is KafkaException or OperationCanceledException or InvalidOperationException)
        {
            LogMessages.LogTransactionEndOnCloseFailed(_logger, transactions.TransactionalId, e.Message);
        }
    }

    /// <summary>A transactional producer sends only inside a transaction, as the Java client's "not in a transaction" check.</summary>
    private void ThrowUnlessInTransaction()
    {
        if (_sender.Transactions is { } transactions && !transactions.InTransaction)
        {
            throw new InvalidOperationException($"A transactional producer sends only inside a transaction: call BeginTransaction first (the producer is {transactions.State}).");
        }
    }
}
