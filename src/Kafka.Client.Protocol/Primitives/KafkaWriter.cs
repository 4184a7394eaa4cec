using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Kafka.Client.Protocol;

/// <summary>
/// Writes Kafka's wire primitives (big-endian integers, varints, classic and compact strings, bytes and
/// array lengths) into an <see cref="IBufferWriter{T}"/>.
/// </summary>
/// <remarks>
/// Bytes are written into the span the buffer writer hands out and committed in one
/// <see cref="IBufferWriter{T}.Advance"/> per span; call <see cref="Flush"/> when done.
/// </remarks>
public ref struct KafkaWriter
{
    private const int MinimumSpan = 256;
    private readonly IBufferWriter<byte> _output;
    private Span<byte> _span;
    private int _buffered;
    private long _committed;

    /// <summary>Creates a writer over <paramref name="output"/>.</summary>
    public KafkaWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _span = default;
        _buffered = 0;
        _committed = 0;
    }

    /// <summary>Bytes written so far, committed or not.</summary>
    public readonly long BytesWritten => _committed + _buffered;

    /// <summary>Commits the buffered bytes to the underlying buffer writer.</summary>
    public void Flush()
    {
        if (_buffered > 0)
        {
            _output.Advance(_buffered);
            _committed += _buffered;
            _buffered = 0;
        }

        _span = default;
    }

    /// <summary>Returns a span of exactly <paramref name="length"/> bytes to fill; they count as written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> Reserve(int length)
    {
        if (_span.Length - _buffered < length)
        {
            Grow(length);
        }

        Span<byte> slice = _span.Slice(_buffered, length);
        _buffered += length;
        return slice;
    }

    private void Grow(int length)
    {
        Flush();
        _span = _output.GetSpan(Math.Max(length, MinimumSpan));
        if (_span.Length < length)
        {
            throw new InvalidOperationException($"The buffer writer returned {_span.Length} bytes where {length} were asked for.");
        }
    }

    /// <summary>Writes an int8.</summary>
    public void WriteInt8(sbyte value) => Reserve(1)[0] = (byte)value;

    /// <summary>Writes a boolean as one byte (0 or 1).</summary>
    public void WriteBool(bool value) => Reserve(1)[0] = value ? (byte)1 : (byte)0;

    /// <summary>Writes a big-endian int16.</summary>
    public void WriteInt16(short value) => BinaryPrimitives.WriteInt16BigEndian(Reserve(2), value);

    /// <summary>Writes a big-endian uint16.</summary>
    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Reserve(2), value);

    /// <summary>Writes a big-endian int32.</summary>
    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), value);

    /// <summary>Writes a big-endian uint32.</summary>
    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Reserve(4), value);

    /// <summary>Writes a big-endian int64.</summary>
    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64BigEndian(Reserve(8), value);

    /// <summary>Writes a big-endian IEEE 754 float64.</summary>
    public void WriteFloat64(double value) => BinaryPrimitives.WriteDoubleBigEndian(Reserve(8), value);

    /// <summary>Writes a UUID as 16 bytes.</summary>
    public void WriteUuid(KafkaUuid value) => value.WriteTo(Reserve(16));

    /// <summary>Writes an unsigned LEB128 varint.</summary>
    public void WriteUnsignedVarInt(uint value)
    {
        Span<byte> span = Reserve(VarInt.SizeOfUnsigned(value));
        VarInt.WriteUnsigned(span, value);
    }

    /// <summary>Writes a zigzag-encoded signed varint (record fields).</summary>
    public void WriteVarInt(int value) => WriteUnsignedVarInt(VarInt.ZigZag(value));

    /// <summary>Writes a zigzag-encoded signed varlong (record fields).</summary>
    public void WriteVarLong(long value)
    {
        ulong zigzag = VarInt.ZigZag(value);
        Span<byte> span = Reserve(VarInt.SizeOfUnsigned(zigzag));
        VarInt.WriteUnsigned(span, zigzag);
    }

    /// <summary>Writes raw bytes.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= MinimumSpan * 16)
        {
            bytes.CopyTo(Reserve(bytes.Length));
            return;
        }

        Flush();
        _output.Write(bytes);
        _committed += bytes.Length;
    }

    /// <summary>Writes a non-null string with an int16 length.</summary>
    public void WriteString(string value)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        if (length > short.MaxValue)
        {
            throw new KafkaProtocolException($"A string of {length} UTF-8 bytes does not fit an int16 length.");
        }

        WriteInt16((short)length);
        Encoding.UTF8.GetBytes(value, Reserve(length));
    }

    /// <summary>Writes a string that may be null with an int16 length (-1 = null).</summary>
    public void WriteNullableString(string? value)
    {
        if (value is null)
        {
            WriteInt16(-1);
            return;
        }

        WriteString(value);
    }

    /// <summary>Writes a non-null compact string (unsigned varint of length + 1).</summary>
    public void WriteCompactString(string value)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        WriteUnsignedVarInt((uint)length + 1);
        Encoding.UTF8.GetBytes(value, Reserve(length));
    }

    /// <summary>Writes a compact string that may be null (0 = null).</summary>
    public void WriteCompactNullableString(string? value)
    {
        if (value is null)
        {
            WriteUnsignedVarInt(0);
            return;
        }

        WriteCompactString(value);
    }

    /// <summary>Writes bytes with an int32 length.</summary>
    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteInt32(value.Length);
        WriteRaw(value);
    }

    /// <summary>Writes bytes that may be null with an int32 length (-1 = null).</summary>
    public void WriteNullableBytes(ReadOnlyMemory<byte>? value)
    {
        if (value is null)
        {
            WriteInt32(-1);
            return;
        }

        WriteBytes(value.Value.Span);
    }

    /// <summary>Writes compact bytes (unsigned varint of length + 1).</summary>
    public void WriteCompactBytes(ReadOnlySpan<byte> value)
    {
        WriteUnsignedVarInt((uint)value.Length + 1);
        WriteRaw(value);
    }

    /// <summary>Writes compact bytes that may be null (0 = null).</summary>
    public void WriteCompactNullableBytes(ReadOnlyMemory<byte>? value)
    {
        if (value is null)
        {
            WriteUnsignedVarInt(0);
            return;
        }

        WriteCompactBytes(value.Value.Span);
    }

    /// <summary>Writes a classic array length (int32, -1 = null).</summary>
    public void WriteArrayLength(int count) => WriteInt32(count);

    /// <summary>Writes a compact array length (unsigned varint of count + 1, 0 = null); pass -1 for null.</summary>
    public void WriteCompactArrayLength(int count) => WriteUnsignedVarInt((uint)(count + 1));
}
