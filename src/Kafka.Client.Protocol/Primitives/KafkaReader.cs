using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace Kafka.Client.Protocol;

/// <summary>
/// Reads Kafka's wire primitives from one frame. It never trusts a length or a count: anything that does not
/// fit the bytes left is a <see cref="KafkaProtocolException"/> naming the message, version and field.
/// </summary>
/// <remarks>
/// Created over <see cref="ReadOnlyMemory{T}"/>, byte and record fields are slices of the frame (no copy);
/// created over a span, they are copied.
/// </remarks>
public ref struct KafkaReader
{
    private readonly ReadOnlySpan<byte> _span;
    private readonly ReadOnlyMemory<byte> _memory;
    private readonly bool _hasMemory;
    private int _position;

    /// <summary>Creates a reader over a frame held in memory; byte fields are slices of it.</summary>
    public KafkaReader(ReadOnlyMemory<byte> frame)
    {
        _memory = frame;
        _span = frame.Span;
        _hasMemory = true;
        _position = 0;
        MessageName = null;
        Version = -1;
    }

    /// <summary>Creates a reader over a span; byte fields are copied out of it.</summary>
    public KafkaReader(ReadOnlySpan<byte> frame)
    {
        _memory = default;
        _span = frame;
        _hasMemory = false;
        _position = 0;
        MessageName = null;
        Version = -1;
    }

    /// <summary>Creates a reader over a sequence (copied once when it has more than one segment).</summary>
    public KafkaReader(ReadOnlySequence<byte> frame)
        : this(frame.IsSingleSegment ? frame.First : frame.ToArray())
    {
    }

    /// <summary>The message being read, for error messages (set by the generated <c>Read</c> methods).</summary>
    public string? MessageName { get; set; }

    /// <summary>The version of the message being read, for error messages.</summary>
    public short Version { get; set; }

    /// <summary>
    /// When true, a null where non-null bytes are required reads as empty bytes instead of failing. Clients set it for
    /// responses, as librdkafka reads them: some brokers send null there with an error code that says the value is
    /// meaningless (librdkafka's mock answers a SyncGroup that came after the round ended with RebalanceInProgress and a
    /// null assignment; Kafka sends empty bytes). Brokers leave it off, so a client's null is refused as Kafka refuses it.
    /// </summary>
    public bool NullBytesAsEmpty { get; set; }

    /// <summary>The offset of the next byte to read.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => _span.Length - _position;

    /// <summary>True when every byte has been read.</summary>
    public readonly bool End => _position >= _span.Length;

    /// <summary>Sets the context used in error messages and returns the previous one.</summary>
    public (string? MessageName, short Version) Enter(string messageName, short version)
    {
        var previous = (MessageName, Version);
        MessageName = messageName;
        Version = version;
        return previous;
    }

    /// <summary>Restores a context returned by <see cref="Enter"/>.</summary>
    public void Leave((string? MessageName, short Version) previous) => (MessageName, Version) = previous;

    /// <summary>Throws a <see cref="KafkaProtocolException"/> for the current message and version.</summary>
    [DoesNotReturn]
    public readonly void Fail(string field, string problem) =>
        throw new KafkaProtocolException(MessageName, Version, field, problem);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int length, string field)
    {
        if ((uint)length > (uint)(_span.Length - _position))
        {
            ThrowTruncated(length, field);
        }

        ReadOnlySpan<byte> slice = _span.Slice(_position, length);
        _position += length;
        return slice;
    }

    [DoesNotReturn]
    private readonly void ThrowTruncated(int length, string field) =>
        Fail(field, length < 0
            ? $"negative length {length}"
            : $"needs {length} bytes but only {_span.Length - _position} are left at offset {_position}");

    /// <summary>Reads an int8.</summary>
    public sbyte ReadInt8(string field) => (sbyte)Take(1, field)[0];

    /// <summary>Reads a boolean (any non-zero byte is true, as in Kafka).</summary>
    public bool ReadBool(string field) => Take(1, field)[0] != 0;

    /// <summary>Reads a big-endian int16.</summary>
    public short ReadInt16(string field) => BinaryPrimitives.ReadInt16BigEndian(Take(2, field));

    /// <summary>Reads a big-endian uint16.</summary>
    public ushort ReadUInt16(string field) => BinaryPrimitives.ReadUInt16BigEndian(Take(2, field));

    /// <summary>Reads a big-endian int32.</summary>
    public int ReadInt32(string field) => BinaryPrimitives.ReadInt32BigEndian(Take(4, field));

    /// <summary>Reads a big-endian uint32.</summary>
    public uint ReadUInt32(string field) => BinaryPrimitives.ReadUInt32BigEndian(Take(4, field));

    /// <summary>Reads a big-endian int64.</summary>
    public long ReadInt64(string field) => BinaryPrimitives.ReadInt64BigEndian(Take(8, field));

    /// <summary>Reads a big-endian float64.</summary>
    public double ReadFloat64(string field) => BinaryPrimitives.ReadDoubleBigEndian(Take(8, field));

    /// <summary>Reads a 16-byte UUID.</summary>
    public KafkaUuid ReadUuid(string field) => KafkaUuid.FromBytes(Take(16, field));

    /// <summary>Reads an unsigned varint (at most 5 bytes).</summary>
    public uint ReadUnsignedVarInt(string field)
    {
        int read = VarInt.TryReadUnsigned(_span[_position..], out uint value);
        if (read <= 0)
        {
            Fail(field, read == 0 ? "the varint is cut off by the end of the frame" : "the varint is longer than 5 bytes");
        }

        _position += read;
        return value;
    }

    /// <summary>Reads a zigzag varint.</summary>
    public int ReadVarInt(string field) => VarInt.UnZigZag(ReadUnsignedVarInt(field));

    /// <summary>Reads a zigzag varlong (at most 10 bytes).</summary>
    public long ReadVarLong(string field)
    {
        int read = VarInt.TryReadUnsigned(_span[_position..], out ulong value);
        if (read <= 0)
        {
            Fail(field, read == 0 ? "the varlong is cut off by the end of the frame" : "the varlong is longer than 10 bytes");
        }

        _position += read;
        return VarInt.UnZigZag(value);
    }

    /// <summary>Returns the next <paramref name="length"/> bytes without consuming them.</summary>
    public readonly ReadOnlySpan<byte> PeekSpan(int length)
    {
        if ((uint)length > (uint)Remaining)
        {
            ThrowTruncated(length, "peek");
        }

        return _span.Slice(_position, length);
    }

    /// <summary>Reads raw bytes as a span of the frame.</summary>
    public ReadOnlySpan<byte> ReadRawSpan(int length, string field) => Take(length, field);

    /// <summary>Reads raw bytes as memory: a slice of the frame when possible, else a copy.</summary>
    public ReadOnlyMemory<byte> ReadRaw(int length, string field)
    {
        int start = _position;
        ReadOnlySpan<byte> span = Take(length, field);
        return _hasMemory ? _memory.Slice(start, length) : span.ToArray();
    }

    /// <summary>Skips bytes.</summary>
    public void Skip(int length, string field) => Take(length, field);

    /// <summary>Reads a non-null string with an int16 length.</summary>
    public string ReadString(string field)
    {
        short length = ReadInt16(field);
        if (length < 0)
        {
            Fail(field, $"null or negative string length {length} where a string is required");
        }

        return Utf8(Take(length, field), field);
    }

    /// <summary>Reads a string with an int16 length (-1 = null).</summary>
    public string? ReadNullableString(string field)
    {
        short length = ReadInt16(field);
        if (length == -1)
        {
            return null;
        }

        return Utf8(Take(length, field), field);
    }

    /// <summary>Reads a non-null compact string.</summary>
    public string ReadCompactString(string field)
    {
        int length = ReadCompactLength(field);
        if (length < 0)
        {
            Fail(field, "null where a string is required");
        }

        return Utf8(Take(length, field), field);
    }

    /// <summary>Reads a compact string that may be null.</summary>
    public string? ReadCompactNullableString(string field)
    {
        int length = ReadCompactLength(field);
        return length < 0 ? null : Utf8(Take(length, field), field);
    }

    /// <summary>Reads non-null bytes with an int32 length.</summary>
    public ReadOnlyMemory<byte> ReadBytes(string field)
    {
        int length = ReadInt32(field);
        if (length == -1 && NullBytesAsEmpty)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        if (length < 0)
        {
            Fail(field, $"null or negative length {length} where bytes are required");
        }

        return ReadRaw(length, field);
    }

    /// <summary>Reads bytes with an int32 length (-1 = null).</summary>
    public ReadOnlyMemory<byte>? ReadNullableBytes(string field)
    {
        int length = ReadInt32(field);

        // Not `length == -1 ? null : ReadRaw(...)`: that conditional has type ReadOnlyMemory<byte>, and null converts
        // to it through byte[] as an empty memory, so null bytes would read as empty ones.
        if (length == -1)
        {
            return null;
        }

        return ReadRaw(length, field);
    }

    /// <summary>Reads non-null compact bytes.</summary>
    public ReadOnlyMemory<byte> ReadCompactBytes(string field)
    {
        int length = ReadCompactLength(field);
        if (length < 0 && NullBytesAsEmpty)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        if (length < 0)
        {
            Fail(field, "null where bytes are required");
        }

        return ReadRaw(length, field);
    }

    /// <summary>Reads compact bytes that may be null.</summary>
    public ReadOnlyMemory<byte>? ReadCompactNullableBytes(string field)
    {
        int length = ReadCompactLength(field);
        if (length < 0)
        {
            return null; // see ReadNullableBytes: no conditional expression here
        }

        return ReadRaw(length, field);
    }

    /// <summary>
    /// Reads a classic array count (int32, -1 = null) and checks that <paramref name="minElementSize"/> bytes per
    /// element fit in the bytes left, so a corrupt count can never cause a large allocation.
    /// </summary>
    public int ReadArrayLength(string field, int minElementSize)
    {
        int count = ReadInt32(field);
        if (count < -1)
        {
            Fail(field, $"negative array length {count}");
        }

        CheckCount(count, minElementSize, field);
        return count;
    }

    /// <summary>Reads a compact array count (-1 = null), checked like <see cref="ReadArrayLength"/>.</summary>
    public int ReadCompactArrayLength(string field, int minElementSize)
    {
        int count = ReadCompactLength(field);
        CheckCount(count, minElementSize, field);
        return count;
    }

    private readonly void CheckCount(int count, int minElementSize, string field)
    {
        if (count > 0 && (long)count * Math.Max(minElementSize, 1) > Remaining)
        {
            Fail(field, $"array length {count} does not fit the {Remaining} bytes left");
        }
    }

    /// <summary>Reads a compact length: unsigned varint minus one (-1 = null).</summary>
    public int ReadCompactLength(string field)
    {
        uint raw = ReadUnsignedVarInt(field);
        if (raw > int.MaxValue)
        {
            Fail(field, $"compact length {raw} is out of range");
        }

        return (int)raw - 1;
    }

    private readonly string Utf8(ReadOnlySpan<byte> bytes, string field)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new KafkaProtocolException(MessageName, Version, field, "the string is not valid UTF-8", e);
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
