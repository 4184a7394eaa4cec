using Kafka.Client.Protocol;

namespace Kafka.Client.Consuming;

/// <summary>
/// The records one Fetch response returned for one partition, waiting in the consumer's buffer, and how far the
/// consume loop has read them (batch by batch).
/// </summary>
internal sealed class FetchedPartition(PartitionState state, int version, ReadOnlyMemory<byte> records, AbortedTransactionFilter? aborted, bool verifyCrc)
{
    private RecordBatchEnumerator _batches = new RecordBatchReader(records, verifyCrc).GetEnumerator();

    public PartitionState State { get; } = state;

    /// <summary>The partition's <see cref="PartitionState.Version"/> when the fetch was sent; a different one now means a seek happened.</summary>
    public int Version { get; } = version;

    /// <summary>The bytes counted against the prefetch bound.</summary>
    public int Size { get; } = records.Length;

    public AbortedTransactionFilter? Aborted { get; } = aborted;

    /// <summary>True while the partition is still assigned and was not sought since the fetch.</summary>
    public bool IsCurrent => State.Assigned && State.Version == Version;

    /// <summary>Moves to the next complete batch; false at the end (a partial batch at the end is ignored).</summary>
    public bool TryNextBatch(out RecordBatch batch)
    {
        if (_batches.MoveNext())
        {
            batch = _batches.Current;
            return true;
        }

        batch = default;
        return false;
    }
}
