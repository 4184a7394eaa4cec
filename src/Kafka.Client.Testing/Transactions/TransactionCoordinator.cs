using Kafka.Client.Protocol;
using Kafka.Client.Testing.State;

namespace Kafka.Client.Testing.Transactions;

/// <summary>
/// The transaction coordinator of the embedded cluster (Kafka's <c>TransactionCoordinator</c>, KIP-98), one for every
/// transactional id: producer ids and epochs (fencing older instances), the partitions and groups of the open
/// transaction, and its end: commit or abort markers written into each partition and the transaction's offsets made
/// visible (or dropped). Markers are written before the answer, so no transaction is ever left half visible. A
/// transaction open longer than its timeout is aborted with an epoch bump, fencing the producer that left it.
/// </summary>
internal sealed class TransactionCoordinator : IDisposable
{
    /// <summary>Kafka's default <c>transaction.max.timeout.ms</c>.</summary>
    public const int MaxTimeoutMs = 900_000;

    private readonly ClusterState _cluster;
    private readonly Lock _sync = new();
    private readonly Dictionary<string, TransactionMetadata> _transactions = new(StringComparer.Ordinal);

    // Produce looks a transaction up by producer id for every transactional batch: an index, not a scan.
    private readonly Dictionary<long, TransactionMetadata> _byProducerId = [];
    private readonly Timer _expiry;

    private readonly Storage.TransactionStore? _store;

    public TransactionCoordinator(ClusterState cluster)
    {
        _cluster = cluster;
        if (cluster.Options.DataDirectory is { } directory)
        {
            _store = new Storage.TransactionStore(directory);
            foreach (Storage.TransactionStore.Saved saved in _store.Load())
            {
                _transactions[saved.Metadata.TransactionalId] = saved.Metadata;
                _byProducerId[saved.Metadata.ProducerId] = saved.Metadata;
                foreach (var (group, topic, partition, offset) in saved.PendingOffsets)
                {
                    cluster.Groups.RestorePendingOffset(group, saved.Metadata.ProducerId, topic, partition, offset);
                }

                // Producer ids handed out before the restart must not be handed out again.
                cluster.ReserveProducerId(saved.Metadata.ProducerId);
            }
        }

        _expiry = new Timer(_ => AbortExpired(), null, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200));
    }

    /// <summary>
    /// The coordinator's lock: a transactional append holds it around <see cref="VerifyProduce"/> and the append, so a
    /// transaction cannot end between the check and the write (the coordinator writes markers under it too).
    /// </summary>
    public Lock Sync => _sync;

    /// <summary>InitProducerId with a transactional id: a new producer id, or the next epoch of the known one (aborting an open transaction).</summary>
    public (ErrorCode Error, long ProducerId, short Epoch) InitProducerId(string transactionalId, int timeoutMs, long expectedProducerId, short expectedEpoch, short version)
    {
        if (timeoutMs <= 0 || timeoutMs > MaxTimeoutMs)
        {
            return (ErrorCode.InvalidTransactionTimeout, -1, -1);
        }

        lock (_sync)
        {
            if (!_transactions.TryGetValue(transactionalId, out TransactionMetadata? meta))
            {
                meta = new TransactionMetadata(transactionalId, _cluster.NextProducerId(), timeoutMs);
                _transactions[transactionalId] = meta;
                _byProducerId[meta.ProducerId] = meta;
                Persist();
                return (ErrorCode.None, meta.ProducerId, meta.ProducerEpoch);
            }

            // KIP-360: a producer that names its id and epoch must be the current one (else a newer instance fenced it).
            if (expectedProducerId >= 0 && (expectedProducerId != meta.ProducerId || expectedEpoch != meta.ProducerEpoch))
            {
                return (version >= 4 ? ErrorCode.ProducerFenced : ErrorCode.InvalidProducerEpoch, -1, -1);
            }

            if (meta.Status == TransactionStatus.Ongoing)
            {
                // A new instance with the same id: the old one's transaction is aborted (Kafka answers
                // CONCURRENT_TRANSACTIONS while it does; here the markers are written before the answer).
                Bump(meta);
                Complete(meta, commit: false);
            }
            else
            {
                Bump(meta);
            }

            meta.TimeoutMs = timeoutMs;
            meta.Status = TransactionStatus.Empty;
            meta.UpdatedAtMs = Now;
            Persist();
            return (ErrorCode.None, meta.ProducerId, meta.ProducerEpoch);
        }
    }

    /// <summary>AddPartitionsToTxn: the partitions join the open transaction (opening it).</summary>
    public ErrorCode AddPartitions(string transactionalId, long producerId, short epoch, IEnumerable<(string Topic, int Partition)> partitions, short fencedError)
    {
        lock (_sync)
        {
            ErrorCode error = Check(transactionalId, producerId, epoch, fencedError, out TransactionMetadata? meta);
            if (error != ErrorCode.None)
            {
                return error;
            }

            Open(meta!);
            meta!.Partitions.UnionWith(partitions);
            Persist();
            return ErrorCode.None;
        }
    }

    /// <summary>AddOffsetsToTxn: the group's offsets join the open transaction.</summary>
    public ErrorCode AddOffsets(string transactionalId, long producerId, short epoch, string groupId, short fencedError)
    {
        lock (_sync)
        {
            ErrorCode error = Check(transactionalId, producerId, epoch, fencedError, out TransactionMetadata? meta);
            if (error != ErrorCode.None)
            {
                return error;
            }

            Open(meta!);
            meta!.Groups.Add(groupId);
            Persist();
            return ErrorCode.None;
        }
    }

    /// <summary>TxnOffsetCommit's check: the producer's transaction is open and includes the group.</summary>
    public ErrorCode CheckOffsetCommit(string transactionalId, long producerId, short epoch, string groupId)
    {
        lock (_sync)
        {
            ErrorCode error = Check(transactionalId, producerId, epoch, (short)ErrorCode.ProducerFenced, out TransactionMetadata? meta);
            return error != ErrorCode.None ? error
                : meta!.Status != TransactionStatus.Ongoing || !meta.Groups.Contains(groupId) ? ErrorCode.InvalidTxnState
                : ErrorCode.None;
        }
    }

    /// <summary>
    /// EndTxn: commits or aborts the open transaction, markers written before it returns; with
    /// <paramref name="bumpEpoch"/> (EndTxn v5, KIP-890 part 2) the epoch is bumped first and the markers carry the new one.
    /// </summary>
    /// <returns>The error, and the producer id and epoch the producer goes on with.</returns>
    public (ErrorCode Error, long ProducerId, short Epoch) End(string transactionalId, long producerId, short epoch, bool commit, short fencedError, bool bumpEpoch)
    {
        lock (_sync)
        {
            ErrorCode error = Check(transactionalId, producerId, epoch, fencedError, out TransactionMetadata? meta);
            if (error != ErrorCode.None)
            {
                // A retry of a v5 EndTxn that completed comes with the epoch before the bump.
                bool retried = bumpEpoch && meta is not null && error == (ErrorCode)fencedError && epoch == meta.ProducerEpoch - 1
                    && meta.Status == (commit ? TransactionStatus.CompleteCommit : TransactionStatus.CompleteAbort);
                return retried ? (ErrorCode.None, meta!.ProducerId, meta.ProducerEpoch) : (error, -1, -1);
            }

            switch (meta!.Status)
            {
                case TransactionStatus.Ongoing:
                    if (bumpEpoch)
                    {
                        Bump(meta);
                    }

                    Complete(meta, commit);
                    return (ErrorCode.None, meta.ProducerId, meta.ProducerEpoch);
                case TransactionStatus.CompleteCommit when commit:
                case TransactionStatus.CompleteAbort when !commit:
                    // A retry of an EndTxn that completed.
                    return (ErrorCode.None, meta.ProducerId, meta.ProducerEpoch);
                default:
                    return (ErrorCode.InvalidTxnState, -1, -1);
            }
        }
    }

    /// <summary>AddPartitionsToTxn v4+ with VerifyOnly (from a partition leader, KIP-890): the partitions are already in the producer's open transaction.</summary>
    public ErrorCode VerifyPartitions(string transactionalId, long producerId, short epoch, IEnumerable<(string Topic, int Partition)> partitions)
    {
        lock (_sync)
        {
            ErrorCode error = Check(transactionalId, producerId, epoch, (short)ErrorCode.ProducerFenced, out TransactionMetadata? meta);
            return error != ErrorCode.None ? error
                : meta!.Status != TransactionStatus.Ongoing || !partitions.All(meta.Partitions.Contains) ? ErrorCode.InvalidTxnState
                : ErrorCode.None;
        }
    }

    /// <summary>
    /// Produce's check of a transactional batch: the producer is the transactional id's current one and the
    /// partition is in its open transaction (Kafka's transaction verification, KIP-890 part 1).
    /// </summary>
    public ErrorCode VerifyProduce(long producerId, short epoch, string topic, int partition)
    {
        lock (_sync)
        {
            TransactionMetadata? meta = _byProducerId.GetValueOrDefault(producerId);
            return meta is null ? ErrorCode.InvalidProducerIdMapping
                : epoch < meta.ProducerEpoch ? ErrorCode.InvalidProducerEpoch
                : epoch > meta.ProducerEpoch ? ErrorCode.InvalidProducerIdMapping
                : meta.Status != TransactionStatus.Ongoing || !meta.Partitions.Contains((topic, partition)) ? ErrorCode.InvalidTxnState
                : ErrorCode.None;
        }
    }

    /// <summary>A copy of every transactional id's state, for DescribeTransactions and ListTransactions.</summary>
    public List<TransactionMetadata> Snapshot()
    {
        lock (_sync)
        {
            return [.. _transactions.Values.Select(Copy)];
        }
    }

    /// <summary>Writes the state to the data directory (call with the lock held, after a change).</summary>
    public void Persist()
    {
        lock (_sync)
        {
            _store?.Save(_transactions.Values, _cluster.Groups);
        }
    }

    public void Dispose() => _expiry.Dispose();

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private ErrorCode Check(string transactionalId, long producerId, short epoch, short fencedError, out TransactionMetadata? meta)
    {
        if (!_transactions.TryGetValue(transactionalId, out meta) || meta.ProducerId != producerId)
        {
            return ErrorCode.InvalidProducerIdMapping;
        }

        return epoch != meta.ProducerEpoch ? (ErrorCode)fencedError
            : meta.Status is TransactionStatus.PrepareCommit or TransactionStatus.PrepareAbort ? ErrorCode.ConcurrentTransactions
            : ErrorCode.None;
    }

    private static void Open(TransactionMetadata meta)
    {
        if (meta.Status != TransactionStatus.Ongoing)
        {
            meta.Status = TransactionStatus.Ongoing;
            meta.StartedAtMs = Now;
            meta.Partitions.Clear();
            meta.Groups.Clear();
        }

        meta.UpdatedAtMs = Now;
    }

    private void Bump(TransactionMetadata meta)
    {
        if (meta.ProducerEpoch >= short.MaxValue - 1)
        {
            _byProducerId.Remove(meta.ProducerId);
            meta.ProducerId = _cluster.NextProducerId();
            meta.ProducerEpoch = 0;
            _byProducerId[meta.ProducerId] = meta;
        }
        else
        {
            meta.ProducerEpoch++;
        }
    }

    /// <summary>Writes the markers of the open transaction with the current epoch and ends it.</summary>
    private void Complete(TransactionMetadata meta, bool commit)
    {
        meta.Status = commit ? TransactionStatus.PrepareCommit : TransactionStatus.PrepareAbort;
        foreach ((string topic, int partition) in meta.Partitions)
        {
            _cluster.WriteTransactionMarker(topic, partition, meta.ProducerId, meta.ProducerEpoch, commit);
        }

        foreach (string group in meta.Groups)
        {
            _cluster.Groups.CompleteTransaction(group, meta.ProducerId, commit);
        }

        meta.Partitions.Clear();
        meta.Groups.Clear();
        meta.StartedAtMs = -1;
        meta.Status = commit ? TransactionStatus.CompleteCommit : TransactionStatus.CompleteAbort;
        meta.UpdatedAtMs = Now;
        Persist();
    }

    /// <summary>Aborts transactions open past their timeout, bumping the epoch first so their producer is fenced (Kafka's abortTimedOutTransactions).</summary>
    private void AbortExpired()
    {
        lock (_sync)
        {
            long now = Now;
            foreach (TransactionMetadata meta in _transactions.Values)
            {
                if (meta.Status == TransactionStatus.Ongoing && meta.StartedAtMs >= 0 && now - meta.StartedAtMs > meta.TimeoutMs)
                {
                    Bump(meta);
                    Complete(meta, commit: false);
                }
            }
        }
    }

    private static TransactionMetadata Copy(TransactionMetadata meta)
    {
        var copy = new TransactionMetadata(meta.TransactionalId, meta.ProducerId, meta.TimeoutMs)
        {
            ProducerEpoch = meta.ProducerEpoch,
            Status = meta.Status,
            StartedAtMs = meta.StartedAtMs,
            UpdatedAtMs = meta.UpdatedAtMs,
        };
        copy.Partitions.UnionWith(meta.Partitions);
        copy.Groups.UnionWith(meta.Groups);
        return copy;
    }
}
