using Kafka.Client.Protocol;
using Kafka.Client.Testing.Transactions;

namespace Kafka.Client.Testing.State;

/// <summary>Transactions: the coordinator, and the markers it writes into partitions.</summary>
internal sealed partial class ClusterState
{
    /// <summary>The transaction coordinator of every transactional id.</summary>
    /// <remarks>Made on first use, once: concurrent first requests share it.</remarks>
    public TransactionCoordinator Transactions => LazyInitializer.EnsureInitialized(ref _transactions, ref _transactionsSync, () => new TransactionCoordinator(this));

    private TransactionCoordinator? _transactions;
    private object? _transactionsSync;

    /// <summary>
    /// Appends a commit or abort marker (a control batch of the producer's id and epoch) to a partition, ends the
    /// producer's transaction there and fences its older epochs. A deleted topic has nothing to mark.
    /// </summary>
    public void WriteTransactionMarker(string topic, int partitionIndex, long producerId, short epoch, bool commit)
    {
        if (FindPartition(topic, partitionIndex) is not { } partition)
        {
            return;
        }

        using var marker = new PooledBufferWriter(128);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        lock (partition.Sync)
        {
            ControlRecords.WriteEndTransactionMarkerBatch(marker, 0, now, producerId, epoch,
                new EndTransactionMarker(commit ? ControlRecordType.Commit : ControlRecordType.Abort, 0), partition.LeaderEpoch);
            StoredBatch stored = partition.Log.Append(marker.WrittenSpan, partition.LeaderEpoch, now, logAppendTime: false);
            partition.Transactions.Ended(producerId, commit, stored.BaseOffset);
            partition.Producers.Fence(producerId, epoch);
            partition.AppendedLocked();
        }

        Pump.Schedule(partition);
    }
}
