using System.Buffers.Binary;
using L = Kafka.Client.Protocol.RecordBatchLayout;

namespace Kafka.Client.Protocol;

/// <summary>
/// Changes header fields of an encoded record batch (magic 2) in place, as a broker does on append
/// (offsets, leader epoch, log append time) and a producer does when its producer id or epoch changes.
/// </summary>
public static class RecordBatchRewriter
{
    /// <summary>Sets BaseOffset (not covered by the CRC).</summary>
    public static void SetBaseOffset(Span<byte> batch, long baseOffset)
    {
        Check(batch);
        BinaryPrimitives.WriteInt64BigEndian(batch[L.BaseOffset..], baseOffset);
    }

    /// <summary>Sets PartitionLeaderEpoch (not covered by the CRC).</summary>
    public static void SetPartitionLeaderEpoch(Span<byte> batch, int partitionLeaderEpoch)
    {
        Check(batch);
        BinaryPrimitives.WriteInt32BigEndian(batch[L.PartitionLeaderEpoch..], partitionLeaderEpoch);
    }

    /// <summary>Sets producer id, epoch and base sequence, and recomputes the CRC.</summary>
    public static void SetProducerState(Span<byte> batch, long producerId, short producerEpoch, int baseSequence)
    {
        Check(batch);
        BinaryPrimitives.WriteInt64BigEndian(batch[L.ProducerId..], producerId);
        BinaryPrimitives.WriteInt16BigEndian(batch[L.ProducerEpoch..], producerEpoch);
        BinaryPrimitives.WriteInt32BigEndian(batch[L.BaseSequence..], baseSequence);
        UpdateCrc(batch);
    }

    /// <summary>Marks the batch LogAppendTime with <paramref name="logAppendTimeMs"/> as MaxTimestamp, and recomputes the CRC.</summary>
    public static void SetLogAppendTime(Span<byte> batch, long logAppendTimeMs)
    {
        Check(batch);
        short attributes = BinaryPrimitives.ReadInt16BigEndian(batch[L.Attributes..]);
        BinaryPrimitives.WriteInt16BigEndian(batch[L.Attributes..], (short)(attributes | L.TimestampTypeFlag));
        BinaryPrimitives.WriteInt64BigEndian(batch[L.MaxTimestamp..], logAppendTimeMs);
        UpdateCrc(batch);
    }

    private static void UpdateCrc(Span<byte> batch) =>
        BinaryPrimitives.WriteUInt32BigEndian(batch[L.Crc..], Crc32C.Compute(batch[L.Attributes..]));

    private static void Check(Span<byte> batch)
    {
        if (batch.Length < L.HeaderSize || batch[L.Magic] != 2)
        {
            throw new ArgumentException("Not a record batch with magic 2.", nameof(batch));
        }
    }
}
