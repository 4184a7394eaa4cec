using System.Runtime.CompilerServices;

namespace Kafka.Client.Protocol;

/// <summary>LEB128 unsigned varints and zigzag signed varints, as Kafka encodes them (low 7-bit group first).</summary>
public static class VarInt
{
    /// <summary>Most bytes an int32 varint may take.</summary>
    public const int MaxLength32 = 5;

    /// <summary>Most bytes an int64 varlong may take.</summary>
    public const int MaxLength64 = 10;

    /// <summary>Zigzag-encodes a signed int32 so small magnitudes take few bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ZigZag(int value) => (uint)((value << 1) ^ (value >> 31));

    /// <summary>Zigzag-encodes a signed int64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    /// <summary>Decodes a zigzag int32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int UnZigZag(uint value) => (int)(value >> 1) ^ -(int)(value & 1);

    /// <summary>Decodes a zigzag int64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    /// <summary>Bytes taken by an unsigned varint.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SizeOfUnsigned(uint value) => (31 - System.Numerics.BitOperations.LeadingZeroCount(value | 1)) / 7 + 1;

    /// <summary>Bytes taken by an unsigned varlong.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SizeOfUnsigned(ulong value) => (63 - System.Numerics.BitOperations.LeadingZeroCount(value | 1)) / 7 + 1;

    /// <summary>Bytes taken by a zigzag varint.</summary>
    public static int SizeOf(int value) => SizeOfUnsigned(ZigZag(value));

    /// <summary>Bytes taken by a zigzag varlong.</summary>
    public static int SizeOf(long value) => SizeOfUnsigned(ZigZag(value));

    /// <summary>Writes an unsigned varint; returns the bytes written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteUnsigned(Span<byte> destination, uint value)
    {
        int i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>Writes an unsigned varlong; returns the bytes written.</summary>
    public static int WriteUnsigned(Span<byte> destination, ulong value)
    {
        int i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>Writes a zigzag varint; returns the bytes written.</summary>
    public static int Write(Span<byte> destination, int value) => WriteUnsigned(destination, ZigZag(value));

    /// <summary>Writes a zigzag varlong; returns the bytes written.</summary>
    public static int Write(Span<byte> destination, long value) => WriteUnsigned(destination, ZigZag(value));

    /// <summary>
    /// Reads an unsigned varint; returns the bytes read, 0 when <paramref name="source"/> ends first,
    /// or -1 when the varint is longer than 5 bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int TryReadUnsigned(ReadOnlySpan<byte> source, out uint value)
    {
        uint result = 0;
        for (int i = 0; i < MaxLength32; i++)
        {
            if (i >= source.Length)
            {
                value = 0;
                return 0;
            }

            byte b = source[i];
            if (i == MaxLength32 - 1 && b > 0x0F)
            {
                value = 0;
                return -1;
            }

            result |= (uint)(b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                value = result;
                return i + 1;
            }
        }

        value = 0;
        return -1;
    }

    /// <summary>
    /// Reads an unsigned varlong; returns the bytes read, 0 when <paramref name="source"/> ends first,
    /// or -1 when the varlong is longer than 10 bytes.
    /// </summary>
    public static int TryReadUnsigned(ReadOnlySpan<byte> source, out ulong value)
    {
        ulong result = 0;
        for (int i = 0; i < MaxLength64; i++)
        {
            if (i >= source.Length)
            {
                value = 0;
                return 0;
            }

            byte b = source[i];
            if (i == MaxLength64 - 1 && b > 0x01)
            {
                value = 0;
                return -1;
            }

            result |= (ulong)(b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                value = result;
                return i + 1;
            }
        }

        value = 0;
        return -1;
    }
}
