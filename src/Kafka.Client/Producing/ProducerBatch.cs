using System.Buffers;
using Kafka.Client.Protocol;

namespace Kafka.Client.Producing;

/// <summary>
/// A closed record batch of one partition, waiting to be sent or acknowledged: its encoded bytes (in a pooled
/// array), the messages to tell, and its idempotence sequence.
/// </summary>
internal sealed class ProducerBatch
{
    private readonly DeliveryEntries _entries;
    private byte[]? _bytes;
    private int _claimed;

    /// <summary>A batch that owns <paramref name="bytes"/> (rented from the shared pool; returned when the batch is done).</summary>
    public ProducerBatch(TopicPartition partition, byte[] bytes, int length, DeliveryEntries entries, long createdAt, int memory)
    {
        Partition = partition;
        _bytes = bytes;
        Length = length;
        _entries = entries;
        RecordCount = entries.Count;
        CreatedAt = createdAt;
        Memory = memory;
    }

    public TopicPartition Partition { get; }

    public int Length { get; }

    public ReadOnlyMemory<byte> Bytes => _bytes.AsMemory(0, Length);

    public Span<byte> WritableBytes => _bytes.AsSpan(0, Length);

    public int RecordCount { get; }

    /// <summary>When the batch was opened (delivery.timeout.ms counts from here).</summary>
    public long CreatedAt { get; }

    /// <summary>Bytes of buffer.memory this batch holds.</summary>
    public int Memory { get; }

    public int Attempts { get; set; }

    /// <summary>Tick count before which a retry is not sent (retry.backoff.ms).</summary>
    public long RetryAt { get; set; }

    /// <summary>The base sequence this batch was sent with, or -1 before its first send.</summary>
    public int BaseSequence { get; set; } = -1;

    public short ProducerEpoch { get; set; } = -1;

    public KafkaException? LastError { get; set; }

    /// <summary>The connection the batch was last sent on (null before it was sent).</summary>
    public Network.KafkaConnection? SentOn { get; set; }

    /// <summary>True once somebody took the batch's outcome (see <see cref="TryClaim"/>).</summary>
    public bool IsDone => Volatile.Read(ref _claimed) != 0;

    /// <summary>
    /// Takes the right to report the batch's outcome, exactly once: decided under the partition's lock, while the
    /// reporting (user callbacks) happens after it is released.
    /// </summary>
    public bool TryClaim() => Interlocked.Exchange(ref _claimed, 1) == 0;

    /// <summary>Stamps the producer id, epoch and base sequence (recomputing the CRC).</summary>
    public void SetProducerState(long producerId, short epoch, int baseSequence)
    {
        ProducerEpoch = epoch;
        BaseSequence = baseSequence;
        RecordBatchRewriter.SetProducerState(WritableBytes, producerId, epoch, baseSequence);
    }

    /// <summary>Reports success to every message (the batch must be claimed), then releases the batch's buffers.</summary>
    public void Complete(long baseOffset, long logAppendTime, RecordAccumulator accumulator)
    {
        using (DeliveryReporting.Enter())
        {
            foreach (ref readonly DeliveryEntry entry in _entries.Span)
            {
                entry.Delivered(Partition, baseOffset, logAppendTime);
            }
        }

        Release(accumulator);
    }

    /// <summary>Reports failure to every message (the batch must be claimed), then releases the batch's buffers.</summary>
    /// <param name="error">Why.</param>
    /// <param name="accumulator">Counts the messages done.</param>
    /// <param name="reuseBytes">
    /// False when a request holding the bytes may still be queued on a connection (the producer is closing): the
    /// array is then left to the garbage collector rather than reused under a write.
    /// </param>
    public void Fail(KafkaException error, RecordAccumulator accumulator, bool reuseBytes = true)
    {
        using (DeliveryReporting.Enter())
        {
            foreach (ref readonly DeliveryEntry entry in _entries.Span)
            {
                entry.Failed(Partition, error);
            }
        }

        Release(accumulator, reuseBytes);
    }

    private void Release(RecordAccumulator accumulator, bool reuseBytes = true)
    {
        accumulator.Finished(_entries.Span);
        _entries.Release();
        byte[]? bytes = Interlocked.Exchange(ref _bytes, null);
        if (bytes is not null && reuseBytes)
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
