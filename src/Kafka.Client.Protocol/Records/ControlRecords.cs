using System.Buffers;
using System.Buffers.Binary;

namespace Kafka.Client.Protocol;

/// <summary>
/// Control records (in batches with the control flag): the key is int16 version + int16 type; an
/// end-transaction marker's value is int16 version + int32 coordinator epoch (EndTransactionMarker.java).
/// </summary>
public static class ControlRecords
{
    /// <summary>The key version written (0).</summary>
    public const short KeyVersion = 0;

    /// <summary>The end-transaction marker value version written (0).</summary>
    public const short EndTransactionMarkerVersion = 0;

    /// <summary>Bytes of a control record key.</summary>
    public const int KeySize = 4;

    /// <summary>Bytes of an end-transaction marker value (version 0).</summary>
    public const int EndTransactionMarkerSize = 6;

    /// <summary>Reads the type from a control record's key (newer types come back as their number).</summary>
    /// <exception cref="KafkaProtocolException">The key is shorter than 4 bytes or has a negative version.</exception>
    public static ControlRecordType ReadType(ReadOnlySpan<byte> key)
    {
        if (key.Length < KeySize)
        {
            RecordErrors.Corrupt(2, "ControlRecord.Key", $"a control record key needs {KeySize} bytes, got {key.Length}");
        }

        short version = BinaryPrimitives.ReadInt16BigEndian(key);
        if (version < 0)
        {
            RecordErrors.Corrupt(2, "ControlRecord.Version", $"invalid control record key version {version}");
        }

        return (ControlRecordType)BinaryPrimitives.ReadInt16BigEndian(key[2..]);
    }

    /// <summary>Reads an end-transaction marker from a control record (key and value).</summary>
    /// <exception cref="KafkaProtocolException">The record is not a commit/abort marker or is malformed.</exception>
    public static EndTransactionMarker ReadEndTransactionMarker(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        ControlRecordType type = ReadType(key);
        if (type is not (ControlRecordType.Commit or ControlRecordType.Abort))
        {
            RecordErrors.Corrupt(2, "ControlRecord.Type", $"control record type {(short)type} is not an end-transaction marker");
        }

        if (value.Length < EndTransactionMarkerSize)
        {
            RecordErrors.Corrupt(2, "EndTransactionMarker", $"the marker needs {EndTransactionMarkerSize} bytes, got {value.Length}");
        }

        short version = BinaryPrimitives.ReadInt16BigEndian(value);
        if (version < 0)
        {
            RecordErrors.Corrupt(2, "EndTransactionMarker.Version", $"invalid marker version {version}");
        }

        return new EndTransactionMarker(type, BinaryPrimitives.ReadInt32BigEndian(value[2..]));
    }

    /// <summary>Writes a control record key (version 0).</summary>
    public static void WriteKey(Span<byte> destination, ControlRecordType type)
    {
        BinaryPrimitives.WriteInt16BigEndian(destination, KeyVersion);
        BinaryPrimitives.WriteInt16BigEndian(destination[2..], (short)type);
    }

    /// <summary>
    /// Writes a whole batch holding one end-transaction marker, as a transaction coordinator asks a partition leader
    /// to append (transactional and control flags set, no compression, base sequence -1).
    /// </summary>
    /// <param name="destination">Receives the batch.</param>
    /// <param name="baseOffset">The marker's offset.</param>
    /// <param name="timestampMs">The marker's timestamp.</param>
    /// <param name="producerId">The transactional producer's id.</param>
    /// <param name="producerEpoch">The transactional producer's epoch.</param>
    /// <param name="marker">Commit or abort, with the coordinator epoch.</param>
    /// <param name="partitionLeaderEpoch">The leader epoch to stamp, or -1.</param>
    public static void WriteEndTransactionMarkerBatch(IBufferWriter<byte> destination, long baseOffset, long timestampMs,
        long producerId, short producerEpoch, EndTransactionMarker marker, int partitionLeaderEpoch = -1)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Span<byte> key = stackalloc byte[KeySize];
        WriteKey(key, marker.Type);
        Span<byte> value = stackalloc byte[EndTransactionMarkerSize];
        BinaryPrimitives.WriteInt16BigEndian(value, EndTransactionMarkerVersion);
        BinaryPrimitives.WriteInt32BigEndian(value[2..], marker.CoordinatorEpoch);

        using var builder = new RecordBatchBuilder(initialCapacity: 128)
        {
            BaseOffset = baseOffset,
            PartitionLeaderEpoch = partitionLeaderEpoch,
            ProducerId = producerId,
            ProducerEpoch = producerEpoch,
            IsTransactional = true,
            IsControl = true,
        };
        builder.Append(timestampMs, key, value);
        destination.Write(builder.Complete().Span);
    }
}
