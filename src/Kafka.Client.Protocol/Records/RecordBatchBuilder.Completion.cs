using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using L = Kafka.Client.Protocol.RecordBatchLayout;

namespace Kafka.Client.Protocol;

/// <content>Completing, resetting and disposing the builder.</content>
public sealed partial class RecordBatchBuilder
{
    /// <summary>
    /// Writes the header, compresses the records when a codec is set, and fills Length and CRC-32C.
    /// </summary>
    /// <returns>The whole batch, valid until <see cref="Reset"/> or <see cref="Dispose"/>.</returns>
    /// <exception cref="InvalidOperationException">The batch was already completed.</exception>
    public ReadOnlyMemory<byte> Complete()
    {
        if (_isCompleted)
        {
            ThrowCompleted();
        }

        PooledBufferWriter output = _records;
        if (Compression != CompressionCodec.None)
        {
            _compressed ??= new PooledBufferWriter(Math.Max(4096, _records.WrittenCount / 2));
            _compressed.Clear();
            _compressed.GetSpan(L.HeaderSize);
            _compressed.Advance(L.HeaderSize);
            CompressionCodecs.Get(Compression).Compress(_records.WrittenSpan[L.HeaderSize..], _compressed, CompressionLevel);
            output = _compressed;
        }

        WriteHeader(output.WrittenSpanForUpdate);
        _isCompleted = true;
        _completed = output.WrittenMemory;
        return _completed;
    }

    /// <summary>
    /// Hands the buffer of the completed batch to the caller instead of keeping it, so a batch that must outlive the
    /// builder is not copied; the builder rents a new buffer for the next batch (call <see cref="Reset"/> first).
    /// </summary>
    /// <param name="length">The batch's length, at the start of the returned array.</param>
    /// <returns>The array, rented from <see cref="System.Buffers.ArrayPool{T}.Shared"/>: the caller returns it.</returns>
    /// <exception cref="InvalidOperationException">The batch is not completed, or its buffer was handed over already.</exception>
    public byte[] DetachCompleted(out int length)
    {
        if (!_isCompleted || _completed.IsEmpty)
        {
            throw new InvalidOperationException("Only a completed batch's buffer can be handed over, once.");
        }

        PooledBufferWriter output = Compression != CompressionCodec.None ? _compressed! : _records;
        _completed = default;
        return output.Detach(out length);
    }

    /// <summary>Forgets the records (and the completed batch), keeping the buffers and the header settings.</summary>
    public void Reset()
    {
        _records.Clear();
        _records.GetSpan(L.HeaderSize);
        _records.Advance(L.HeaderSize);
        _compressed?.Clear();
        _completed = default;
        _isCompleted = false;
        _count = 0;
        _baseTimestamp = -1;
        _maxTimestamp = -1;
    }

    /// <summary>Returns the buffers to the pool; the completed batch is invalid afterwards.</summary>
    public void Dispose()
    {
        _records.Dispose();
        _compressed?.Dispose();
        _completed = default;
        _isCompleted = true;
    }

    private void WriteHeader(Span<byte> batch)
    {
        int attributes = (int)Compression
            | (_timestampType == RecordTimestampType.LogAppendTime ? L.TimestampTypeFlag : 0)
            | (IsTransactional ? L.TransactionalFlag : 0)
            | (IsControl ? L.ControlFlag : 0);
        BinaryPrimitives.WriteInt64BigEndian(batch[L.BaseOffset..], BaseOffset);
        BinaryPrimitives.WriteInt32BigEndian(batch[L.Length..], batch.Length - L.LogOverhead);
        BinaryPrimitives.WriteInt32BigEndian(batch[L.PartitionLeaderEpoch..], PartitionLeaderEpoch);
        batch[L.Magic] = 2;
        BinaryPrimitives.WriteInt16BigEndian(batch[L.Attributes..], (short)attributes);
        BinaryPrimitives.WriteInt32BigEndian(batch[L.LastOffsetDelta..], _count - 1);
        BinaryPrimitives.WriteInt64BigEndian(batch[L.BaseTimestamp..], _baseTimestamp);
        BinaryPrimitives.WriteInt64BigEndian(batch[L.MaxTimestamp..], _maxTimestamp);
        BinaryPrimitives.WriteInt64BigEndian(batch[L.ProducerId..], ProducerId);
        BinaryPrimitives.WriteInt16BigEndian(batch[L.ProducerEpoch..], ProducerEpoch);
        BinaryPrimitives.WriteInt32BigEndian(batch[L.BaseSequence..], BaseSequence);
        BinaryPrimitives.WriteInt32BigEndian(batch[L.RecordCount..], _count);
        BinaryPrimitives.WriteUInt32BigEndian(batch[L.Crc..], Crc32C.Compute(batch[L.Attributes..]));
    }

    [DoesNotReturn]
    private static void ThrowCompleted() =>
        throw new InvalidOperationException("The batch is completed (or the builder disposed); call Reset to build another.");

    [DoesNotReturn]
    private static void ThrowTooLarge() =>
        throw new InvalidOperationException("The record does not fit: the batch would exceed the largest buffer.");
}
