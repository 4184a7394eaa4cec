namespace Kafka.Client;

/// <summary>
/// FNV-1a 32-bit as librdkafka's <c>rd_fnv1a</c> (src/rdfnv1a.c) computes it for its <c>fnv1a</c> partitioners,
/// to match Sarama's hash partitioner: offset basis <c>0x811C9DC5</c>, prime <c>0x01000193</c>, and the result, read
/// as a signed 32-bit number, made non-negative by negation (so <see cref="int.MinValue"/> stays as it is).
/// </summary>
public static class Fnv1a
{
    private const uint OffsetBasis = 0x811C9DC5;
    private const uint Prime = 0x01000193;

    /// <summary>The hash of <paramref name="data"/>, as librdkafka returns it (an unsigned 32-bit value).</summary>
    public static uint Hash(ReadOnlySpan<byte> data)
    {
        uint h = OffsetBasis;
        foreach (byte b in data)
        {
            h ^= b;
            h *= Prime;
        }

        int signed = (int)h;
        return signed < 0 ? unchecked((uint)-signed) : h;
    }

    /// <summary>librdkafka's partition for a key: <c>rd_fnv1a(key) % partitionCount</c>, unsigned.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="partitionCount"/> is not positive.</exception>
    public static int Partition(ReadOnlySpan<byte> key, int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitionCount);
        return (int)(Hash(key) % (uint)partitionCount);
    }
}
