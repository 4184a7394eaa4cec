using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.State;

/// <summary>
/// Idempotent-producer bookkeeping of one partition, following Kafka's ProducerStateManager: per producer id the
/// epoch, the last sequence, and the last five batches, so a retried batch is acknowledged again without being
/// appended twice, a gap is OUT_OF_ORDER_SEQUENCE_NUMBER and an old epoch is fenced.
/// </summary>
internal sealed class ProducerStateTable
{
    private const int CachedBatches = 5;
    private readonly Dictionary<long, Entry> _producers = [];

    private sealed class Entry
    {
        public short Epoch;
        public int LastSequence = -1;
        public readonly Queue<(int FirstSequence, int LastSequence, long BaseOffset)> Recent = new();
    }

    /// <summary>The outcome of checking a batch before it is appended.</summary>
    public readonly record struct Check(ErrorCode Error, long DuplicateOfOffset)
    {
        public bool IsDuplicate => DuplicateOfOffset >= 0;
    }

    public Check Validate(long producerId, short epoch, int firstSequence, int recordCount)
    {
        if (producerId < 0 || firstSequence < 0)
        {
            return new Check(ErrorCode.None, -1);
        }

        int lastSequence = Wrap(firstSequence, recordCount - 1);
        if (!_producers.TryGetValue(producerId, out Entry? entry))
        {
            return firstSequence == 0 ? new Check(ErrorCode.None, -1) : new Check(ErrorCode.UnknownProducerId, -1);
        }

        if (epoch < entry.Epoch)
        {
            return new Check(ErrorCode.InvalidProducerEpoch, -1);
        }

        if (epoch > entry.Epoch)
        {
            return firstSequence == 0 ? new Check(ErrorCode.None, -1) : new Check(ErrorCode.OutOfOrderSequenceNumber, -1);
        }

        foreach (var (first, last, baseOffset) in entry.Recent)
        {
            if (first == firstSequence && last == lastSequence)
            {
                return new Check(ErrorCode.None, baseOffset);
            }
        }

        if (firstSequence != Wrap(entry.LastSequence, 1))
        {
            return new Check(ErrorCode.OutOfOrderSequenceNumber, -1);
        }

        return new Check(ErrorCode.None, -1);
    }

    public void Record(long producerId, short epoch, int firstSequence, int recordCount, long baseOffset)
    {
        if (producerId < 0 || firstSequence < 0)
        {
            return;
        }

        if (!_producers.TryGetValue(producerId, out Entry? entry) || entry.Epoch != epoch)
        {
            entry = new Entry { Epoch = epoch };
            _producers[producerId] = entry;
        }

        int lastSequence = Wrap(firstSequence, recordCount - 1);
        entry.LastSequence = lastSequence;
        entry.Recent.Enqueue((firstSequence, lastSequence, baseOffset));
        while (entry.Recent.Count > CachedBatches)
        {
            entry.Recent.Dequeue();
        }
    }

    /// <summary>
    /// A transaction marker of <paramref name="epoch"/> was written: older epochs of the producer are fenced, and the
    /// next batch of this epoch (after an epoch bump) starts its sequence at 0.
    /// </summary>
    public void Fence(long producerId, short epoch)
    {
        if (!_producers.TryGetValue(producerId, out Entry? entry) || entry.Epoch < epoch)
        {
            _producers[producerId] = new Entry { Epoch = epoch };
        }
    }

    /// <summary>The producers of the partition: id, epoch, last sequence (for DescribeProducers).</summary>
    public List<(long ProducerId, short Epoch, int LastSequence)> Snapshot() =>
        [.. _producers.Select(p => (p.Key, p.Value.Epoch, p.Value.LastSequence))];

    /// <summary>Forgets producers whose batches were all truncated away (a new leader had less).</summary>
    public void Clear() => _producers.Clear();

    /// <summary>Sequence arithmetic wraps to 0 after Int32.MaxValue (DefaultRecordBatch.incrementSequence).</summary>
    private static int Wrap(int sequence, int increment) =>
        sequence > int.MaxValue - increment ? increment - (int.MaxValue - sequence) - 1 : sequence + increment;
}
