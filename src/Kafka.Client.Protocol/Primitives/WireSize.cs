using System.Text;

namespace Kafka.Client.Protocol;

/// <summary>Encoded sizes of Kafka's wire primitives, for the generated <c>GetSize</c> methods.</summary>
public static class WireSize
{
    /// <summary>Bytes of an unsigned varint.</summary>
    public static int UnsignedVarInt(uint value) => VarInt.SizeOfUnsigned(value);

    /// <summary>Bytes of a non-null string, compact or classic.</summary>
    public static int String(string value, bool compact)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        return length + (compact ? VarInt.SizeOfUnsigned((uint)length + 1) : 2);
    }

    /// <summary>Bytes of a string that may be null, compact or classic.</summary>
    public static int NullableString(string? value, bool compact) =>
        value is null ? (compact ? 1 : 2) : String(value, compact);

    /// <summary>Bytes of non-null bytes of <paramref name="length"/>, compact or classic.</summary>
    public static int Bytes(int length, bool compact) =>
        length + (compact ? VarInt.SizeOfUnsigned((uint)length + 1) : 4);

    /// <summary>Bytes of bytes that may be null, compact or classic.</summary>
    public static int NullableBytes(ReadOnlyMemory<byte>? value, bool compact) =>
        value is null ? (compact ? 1 : 4) : Bytes(value.Value.Length, compact);

    /// <summary>Bytes of an array length (count -1 = null), compact or classic.</summary>
    public static int ArrayLength(int count, bool compact) =>
        compact ? VarInt.SizeOfUnsigned((uint)(count + 1)) : 4;
}
