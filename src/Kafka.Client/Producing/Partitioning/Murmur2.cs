using System.Buffers.Binary;

namespace Kafka.Client;

/// <summary>
/// MurmurHash2, 32-bit, as the Java client computes it for keyed records (<c>Utils.murmur2</c> in
/// clients/src/main/java/org/apache/kafka/common/utils/Utils.java; the same as librdkafka's <c>rd_murmur2</c> in
/// src/rdmurmur2.c): seed <c>0x9747b28c</c>, little-endian 4-byte blocks, unsigned tail bytes.
/// </summary>
public static class Murmur2
{
    private const uint Seed = 0x9747b28c;
    private const uint M = 0x5bd1e995;
    private const int R = 24;

    /// <summary>The hash of <paramref name="data"/>, as the Java client's <c>int</c>.</summary>
    public static int Hash(ReadOnlySpan<byte> data)
    {
        int length = data.Length;
        uint h = Seed ^ (uint)length;
        int blocks = length & ~3;
        for (int i = 0; i < blocks; i += 4)
        {
            uint k = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i, 4));
            k *= M;
            k ^= k >> R;
            k *= M;
            h *= M;
            h ^= k;
        }

        // The tail, falling through from 3 to 1 as in Java's switch.
        int rest = length & 3;
        if (rest == 3)
        {
            h ^= (uint)data[blocks + 2] << 16;
        }

        if (rest >= 2)
        {
            h ^= (uint)data[blocks + 1] << 8;
        }

        if (rest >= 1)
        {
            h ^= data[blocks];
            h *= M;
        }

        h ^= h >> 13;
        h *= M;
        h ^= h >> 15;
        return (int)h;
    }

    /// <summary>
    /// The Java client's partition for a key: <c>(murmur2(key) &amp; 0x7fffffff) % partitionCount</c>
    /// (<c>BuiltInPartitioner.partitionForKey</c>, <c>Utils.toPositive</c>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="partitionCount"/> is not positive.</exception>
    public static int Partition(ReadOnlySpan<byte> key, int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitionCount);
        return (Hash(key) & 0x7fffffff) % partitionCount;
    }
}
