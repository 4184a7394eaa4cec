using System.Buffers;
using Kafka.Client.Protocol;

namespace Kafka.Client.Producing;

/// <summary>
/// A closed record batch of one partition, waiting to be sent or acknowledged: its encoded bytes (in a pooled
/// array), the messages to tell, and its idempotence sequence.
/// </summary>
internal sealed class ProducerBatch
{
    private byte[]? _bytes;

    public ProducerBatch(TopicPartition partition, ReadOnlySpan<byte> encoded, List<(IDeliveryTarget Target, int OffsetDelta, long Timestamp)> targets, long createdAt, int memory)
    {
        Partition = partition;
        _bytes = ArrayPool<byte>.Shared.Rent(encoded.Length);
        encoded.CopyTo(_bytes);
        Length = encoded.Length;
        Targets = targets;
        CreatedAt = createdAt;
        Memory = memory;
    }

    public TopicPartition Partition { get; }

    public int Length { get; }

    public ReadOnlyMemory<byte> Bytes => _bytes.AsMemory(0, Length);

    public Span<byte> WritableBytes => _bytes.AsSpan(0, Length);

    public List<(IDeliveryTarget Target, int OffsetDelta, long Timestamp)> Targets { get; }

    public int RecordCount => Targets.Count;

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

    public bool IsDone => _bytes is null;

    /// <summary>Stamps the producer id, epoch and base sequence (recomputing the CRC).</summary>
    public void SetProducerState(long producerId, short epoch, int baseSequence)
    {
        ProducerEpoch = epoch;
        BaseSequence = baseSequence;
        RecordBatchRewriter.SetProducerState(WritableBytes, producerId, epoch, baseSequence);
    }

    public void Complete(long baseOffset, long logAppendTime)
    {
        foreach (var (target, delta, timestamp) in Targets)
        {
            target.Delivered(new RecordMetadata(Partition.Partition, baseOffset + delta, logAppendTime >= 0 ? logAppendTime : timestamp, logAppendTime >= 0));
        }

        Release();
    }

    public void Fail(KafkaException error)
    {
        foreach (var (target, _, _) in Targets)
        {
            target.Failed(error);
        }

        Release();
    }

    private void Release()
    {
        byte[]? bytes = Interlocked.Exchange(ref _bytes, null);
        if (bytes is not null)
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
