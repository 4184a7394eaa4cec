using System.Buffers.Binary;
using L = Kafka.Client.Protocol.RecordBatchLayout;

namespace Kafka.Client.Protocol;

/// <summary>
/// Iterates the records of one <see cref="RecordBatch"/>; allocates nothing per record. For a compressed batch it
/// owns the pooled buffer holding the decompressed records: dispose it (<c>foreach</c> does) to return the buffer.
/// </summary>
public ref partial struct RecordEnumerator
{
    private ReadOnlySpan<byte> _data;
    private readonly PooledBufferWriter? _owner;
    private readonly long _baseOffset;
    private readonly long _baseTimestamp;
    private readonly long _maxTimestamp;
    private readonly RecordTimestampType _timestampType;
    private readonly bool _logAppendTime;
    private readonly bool _legacy;
    private readonly bool _legacyInner;
    private readonly byte _magic;
    private readonly int _declaredCount;
    private int _left;
    private Record _current;

    private RecordEnumerator(ReadOnlySpan<byte> data, PooledBufferWriter? owner, byte magic, long baseOffset, long baseTimestamp,
        long maxTimestamp, RecordTimestampType timestampType, bool logAppendTime, int count, bool legacyInner)
    {
        _data = data;
        _owner = owner;
        _magic = magic;
        _legacy = magic < 2;
        _legacyInner = legacyInner;
        _baseOffset = baseOffset;
        _baseTimestamp = baseTimestamp;
        _maxTimestamp = maxTimestamp;
        _timestampType = timestampType;
        _logAppendTime = logAppendTime;
        _declaredCount = count;
        _left = count;
        _current = default;
    }

    /// <summary>The current record.</summary>
    public readonly Record Current => _current;

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    public readonly RecordEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next record.</summary>
    /// <exception cref="KafkaProtocolException">A record is malformed, or the record count does not match the bytes.</exception>
    public bool MoveNext() => _legacy ? MoveNextLegacy() : MoveNextRecord();

    /// <summary>Returns the decompression buffer, if any, to the pool.</summary>
    public readonly void Dispose() => _owner?.Dispose();

    internal static RecordEnumerator ForBatch(RecordBatch batch, int maxDecompressedLength)
    {
        ReadOnlySpan<byte> span = batch.Memory.Span;
        int attributes = BinaryPrimitives.ReadInt16BigEndian(span[L.Attributes..]);
        int count = BinaryPrimitives.ReadInt32BigEndian(span[L.RecordCount..]);
        if (count < 0)
        {
            RecordErrors.Corrupt(2, "RecordCount", $"negative record count {count}");
        }

        var codec = (CompressionCodec)(attributes & L.CompressionMask);
        ReadOnlySpan<byte> data = span[L.HeaderSize..];
        PooledBufferWriter? owner = codec == CompressionCodec.None ? null : Decompress(codec, data, 2, maxDecompressedLength);
        if (owner is not null)
        {
            data = owner.WrittenSpan;
        }

        if ((long)count * L.MinRecordSize > data.Length)
        {
            owner?.Dispose();
            RecordErrors.Corrupt(2, "RecordCount", $"{count} records cannot fit in {data.Length} bytes");
        }

        bool logAppendTime = (attributes & L.TimestampTypeFlag) != 0;
        return new RecordEnumerator(data, owner, 2, batch.BaseOffset, batch.BaseTimestamp, batch.MaxTimestamp,
            logAppendTime ? RecordTimestampType.LogAppendTime : RecordTimestampType.CreateTime, logAppendTime, count, legacyInner: false);
    }

    private bool MoveNextRecord()
    {
        if (_left == 0)
        {
            if (!_data.IsEmpty)
            {
                RecordErrors.Corrupt(2, "RecordCount", $"{_data.Length} bytes are left after the {_declaredCount} records the header declares");
            }

            return false;
        }

        var cursor = new RecordCursor(_data, 2);
        int length = cursor.ReadVarInt("Record.Length");
        ReadOnlySpan<byte> body = cursor.Take(length, "Record");
        _data = _data[cursor.Position..];

        var r = new RecordCursor(body, 2);
        r.ReadByte("Record.Attributes"); // unused
        long timestampDelta = r.ReadVarLong("Record.TimestampDelta");
        int offsetDelta = r.ReadVarInt("Record.OffsetDelta");
        ReadOnlySpan<byte> key = r.ReadVarBytes("Record.KeyLength", "Record.Key", out bool keyIsNull);
        ReadOnlySpan<byte> value = r.ReadVarBytes("Record.ValueLength", "Record.Value", out bool valueIsNull);
        int headerCount = r.ReadVarInt("Record.HeaderCount");
        if ((uint)headerCount > (uint)r.Remaining / 2)
        {
            RecordErrors.Corrupt(2, "Record.HeaderCount", $"{headerCount} headers cannot fit in {r.Remaining} bytes");
        }

        int headersStart = r.Position;
        for (int i = 0; i < headerCount; i++)
        {
            r.Take(r.ReadVarInt("Header.KeyLength"), "Header.Key");
            r.ReadVarBytes("Header.ValueLength", "Header.Value", out _);
        }

        if (r.Remaining != 0)
        {
            RecordErrors.Corrupt(2, "Record.Length", $"record length {length} leaves {r.Remaining} bytes after its headers");
        }

        _current = new Record(_baseOffset + offsetDelta, _logAppendTime ? _maxTimestamp : _baseTimestamp + timestampDelta, _timestampType,
            key, keyIsNull, value, valueIsNull, headerCount, body[headersStart..]);
        _left--;
        return true;
    }

    private static PooledBufferWriter Decompress(CompressionCodec codec, ReadOnlySpan<byte> data, byte magic, int maxLength)
    {
        if ((int)codec > (int)CompressionCodec.Zstd || (magic < 2 && codec == CompressionCodec.Zstd))
        {
            RecordErrors.Corrupt(magic, "Attributes", $"compression codec {(int)codec} is not valid for magic {magic}");
        }

        var owner = new PooledBufferWriter((int)Math.Clamp(data.Length * 4L, 4096, Math.Max(maxLength, 4096)));
        try
        {
            if (codec == CompressionCodec.Lz4)
            {
                // Magic 0 messages carry a wrong LZ4 header checksum (KAFKA-3160).
                Lz4FrameDecoder.Decode(data, owner, maxLength, verifyHeaderChecksum: magic != 0);
            }
            else
            {
                CompressionCodecs.Get(codec).Decompress(data, owner, maxLength);
            }
        }
        catch
        {
            owner.Dispose();
            throw;
        }

        return owner;
    }
}
