using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Kafka.Client.Protocol;

/// <summary>Bounds-checked reads inside one record or message; every failure names the field.</summary>
internal ref struct RecordCursor
{
    private readonly ReadOnlySpan<byte> _span;
    private readonly int _magic;

    public RecordCursor(ReadOnlySpan<byte> span, int magic)
    {
        _span = span;
        _magic = magic;
        Position = 0;
    }

    public int Position;

    public readonly int Remaining => _span.Length - Position;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadVarInt(string field)
    {
        int p = Position;
        if ((uint)p < (uint)_span.Length)
        {
            uint b = _span[p];
            if (b < 0x80)
            {
                Position = p + 1;
                return (int)(b >> 1) ^ -(int)(b & 1);
            }
        }

        return ReadVarIntSlow(field);
    }

    private int ReadVarIntSlow(string field)
    {
        int read = VarInt.TryReadUnsigned(_span[Position..], out uint value);
        if (read <= 0)
        {
            RecordErrors.Corrupt(_magic, field, read == 0 ? "varint runs past the end of the record" : "varint is longer than 5 bytes");
        }

        Position += read;
        return VarInt.UnZigZag(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadVarLong(string field)
    {
        int p = Position;
        if ((uint)p < (uint)_span.Length)
        {
            uint b = _span[p];
            if (b < 0x80)
            {
                Position = p + 1;
                return (long)(b >> 1) ^ -(long)(b & 1);
            }
        }

        return ReadVarLongSlow(field);
    }

    private long ReadVarLongSlow(string field)
    {
        int read = VarInt.TryReadUnsigned(_span[Position..], out ulong value);
        if (read <= 0)
        {
            RecordErrors.Corrupt(_magic, field, read == 0 ? "varlong runs past the end of the record" : "varlong is longer than 10 bytes");
        }

        Position += read;
        return VarInt.UnZigZag(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Take(int length, string field)
    {
        if ((uint)length > (uint)(_span.Length - Position))
        {
            RecordErrors.Truncated(_magic, field, length, _span.Length - Position);
        }

        ReadOnlySpan<byte> slice = _span.Slice(Position, length);
        Position += length;
        return slice;
    }

    /// <summary>Reads a varint length and that many bytes; -1 is null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> ReadVarBytes(string lengthField, string field, out bool isNull)
    {
        int length = ReadVarInt(lengthField);
        isNull = length == -1;
        return isNull ? default : Take(length, field);
    }

    /// <summary>Reads an int32 length and that many bytes; -1 is null.</summary>
    public ReadOnlySpan<byte> ReadInt32Bytes(string lengthField, string field, out bool isNull)
    {
        int length = ReadInt32(lengthField);
        isNull = length == -1;
        return isNull ? default : Take(length, field);
    }

    public byte ReadByte(string field) => Take(1, field)[0];

    public int ReadInt32(string field) => BinaryPrimitives.ReadInt32BigEndian(Take(4, field));

    public uint ReadUInt32(string field) => BinaryPrimitives.ReadUInt32BigEndian(Take(4, field));

    public long ReadInt64(string field) => BinaryPrimitives.ReadInt64BigEndian(Take(8, field));
}
