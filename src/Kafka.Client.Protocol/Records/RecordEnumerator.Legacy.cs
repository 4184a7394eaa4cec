using System.Buffers.Binary;
using System.IO.Hashing;
using L = Kafka.Client.Protocol.RecordBatchLayout;

namespace Kafka.Client.Protocol;

/// <content>Legacy message sets (magic 0 and 1): one message, or the inner set of a compressed wrapper.</content>
public ref partial struct RecordEnumerator
{
    internal static RecordEnumerator ForLegacy(RecordBatch batch, int maxDecompressedLength)
    {
        ReadOnlySpan<byte> span = batch.Memory.Span;
        byte magic = span[L.Magic];
        int attributes = span[L.LegacyAttributes];
        RecordTimestampType timestampType = batch.TimestampType;
        var codec = (CompressionCodec)(attributes & L.CompressionMask);
        if (codec == CompressionCodec.None)
        {
            // The message itself, as a message set of one; its CRC was checked with the batch.
            return new RecordEnumerator(span, null, magic, 0, -1, -1, timestampType, logAppendTime: false, count: 1, legacyInner: false);
        }

        var wrapper = new RecordCursor(span, magic);
        wrapper.Position = magic == 1 ? L.LegacyTimestamp + 8 : L.LegacyTimestamp;
        wrapper.ReadInt32Bytes("KeyLength", "Key", out _);
        ReadOnlySpan<byte> compressed = wrapper.ReadInt32Bytes("ValueLength", "Value", out bool isNull);
        if (isNull)
        {
            RecordErrors.Corrupt(magic, "Value", "a compressed wrapper message has a null value");
        }

        PooledBufferWriter owner = Decompress(codec, compressed, magic, maxDecompressedLength);
        ReadOnlySpan<byte> inner = owner.WrittenSpan;

        // v1: inner offsets are relative (0..n-1) and the wrapper has the absolute offset of the last one;
        // a wrapper offset of 0 (some old producers) leaves them as they are. v0: inner offsets are absolute.
        long wrapperOffset = batch.BaseOffset;
        long shift = magic == 1 && wrapperOffset != 0 ? wrapperOffset - LastInnerOffset(inner) : 0;
        bool logAppendTime = timestampType == RecordTimestampType.LogAppendTime;
        return new RecordEnumerator(inner, owner, magic, shift, -1, batch.MaxTimestamp, timestampType, logAppendTime, count: -1, legacyInner: true);
    }

    private static long LastInnerOffset(ReadOnlySpan<byte> messages)
    {
        long last = 0;
        while (messages.Length >= L.LogOverhead)
        {
            int size = BinaryPrimitives.ReadInt32BigEndian(messages[L.Length..]);
            if (size < 0 || size > messages.Length - L.LogOverhead)
            {
                break; // reported when the enumeration reaches it
            }

            last = BinaryPrimitives.ReadInt64BigEndian(messages);
            messages = messages[(L.LogOverhead + size)..];
        }

        return last;
    }

    private bool MoveNextLegacy()
    {
        if (_data.IsEmpty)
        {
            return false;
        }

        var entry = new RecordCursor(_data, _magic);
        long offset = entry.ReadInt64("Offset");
        int size = entry.ReadInt32("MessageSize");
        if (size < L.LegacyMinSizeV0)
        {
            RecordErrors.Corrupt(_magic, "MessageSize", $"message size {size} is smaller than any message");
        }

        ReadOnlySpan<byte> message = entry.Take(size, "Message");
        _data = _data[entry.Position..];

        var m = new RecordCursor(message, _magic);
        uint crc = m.ReadUInt32("Crc");
        byte magic = m.ReadByte("Magic");
        if (magic > 1)
        {
            RecordErrors.Corrupt(_magic, "Magic", $"inner message has magic {magic}");
        }

        if (_legacyInner)
        {
            uint computed = Crc32.HashToUInt32(message[4..]);
            if (computed != crc)
            {
                RecordErrors.CrcMismatch(magic, crc, computed);
            }
        }

        byte attributes = m.ReadByte("Attributes");
        if (_legacyInner && (attributes & L.CompressionMask) != 0)
        {
            RecordErrors.Corrupt(_magic, "Attributes", "a message inside a compressed wrapper is itself compressed");
        }

        long timestamp = magic == 1 ? m.ReadInt64("Timestamp") : -1;
        ReadOnlySpan<byte> key = m.ReadInt32Bytes("KeyLength", "Key", out bool keyIsNull);
        ReadOnlySpan<byte> value = m.ReadInt32Bytes("ValueLength", "Value", out bool valueIsNull);
        if (m.Remaining != 0)
        {
            RecordErrors.Corrupt(_magic, "MessageSize", $"message size {size} leaves {m.Remaining} bytes after the value");
        }

        _current = new Record(_baseOffset + offset, _logAppendTime ? _maxTimestamp : timestamp, _timestampType,
            key, keyIsNull, value, valueIsNull, 0, default);
        return true;
    }
}
