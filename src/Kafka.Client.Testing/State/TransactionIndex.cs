namespace Kafka.Client.Testing.State;

/// <summary>
/// The transactions of one partition, as Kafka's <c>ProducerStateManager</c> and aborted-transaction index keep them:
/// per producer the first offset of its open transaction (the last stable offset cannot pass it), and the offset
/// ranges of aborted transactions, which read_committed fetches get to drop. Used under the partition's lock.
/// </summary>
internal sealed class TransactionIndex
{
    private readonly Dictionary<long, long> _open = [];
    private readonly List<AbortedTransaction> _aborted = [];

    /// <summary>An aborted transaction's producer and its offsets, first data to the abort marker.</summary>
    public readonly record struct AbortedTransaction(long ProducerId, long FirstOffset, long LastOffset);

    /// <summary>The first offset of the oldest open transaction, or null when none is open.</summary>
    public long? FirstOpenOffset => _open.Count == 0 ? null : _open.Values.Min();

    /// <summary>The producers with an open transaction here, with its first offset.</summary>
    public IReadOnlyDictionary<long, long> Open => _open;

    /// <summary>A transactional batch was appended: it opens the producer's transaction here unless one is open.</summary>
    public void Appended(long producerId, long baseOffset) => _open.TryAdd(producerId, baseOffset);

    /// <summary>A commit or abort marker was appended at <paramref name="markerOffset"/>: the producer's transaction here ends.</summary>
    public void Ended(long producerId, bool committed, long markerOffset)
    {
        if (_open.Remove(producerId, out long first) && !committed)
        {
            _aborted.Add(new AbortedTransaction(producerId, first, markerOffset));
        }
    }

    /// <summary>The aborted transactions a read_committed fetch of [<paramref name="from"/>, <paramref name="to"/>) must know.</summary>
    public List<AbortedTransaction> AbortedIn(long from, long to) =>
        [.. _aborted.Where(a => a.LastOffset >= from && a.FirstOffset < to)];

    /// <summary>Forgets what is below the new log start (retention, DeleteRecords).</summary>
    public void LogStartMoved(long logStartOffset) => _aborted.RemoveAll(a => a.LastOffset < logStartOffset);

    /// <summary>Forgets everything at or after <paramref name="offset"/> (a truncated log).</summary>
    public void TruncatedTo(long offset)
    {
        foreach (long producer in _open.Where(o => o.Value >= offset).Select(o => o.Key).ToList())
        {
            _open.Remove(producer);
        }

        _aborted.RemoveAll(a => a.FirstOffset >= offset);
    }
}
