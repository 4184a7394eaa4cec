using System.IO.Hashing;

namespace Kafka.Client;

/// <summary>
/// librdkafka's <c>consistent</c> partitioner: <c>crc32(key) % partitions</c> with the standard CRC-32 (IEEE,
/// zlib's; <c>rd_crc32</c> in src/rdcrc32.h), unsigned. Null and empty keys both hash to 0, so they all go to
/// partition 0 (rd_kafka_msg_partitioner_consistent in src/rdkafka_msg.c).
/// </summary>
public sealed class ConsistentPartitioner : IPartitioner
{
    /// <inheritdoc />
    public int Partition(string topic, int partitionCount, ReadOnlySpan<byte> keyBytes, bool keyIsNull) =>
        Hash(keyIsNull ? default : keyBytes, partitionCount);

    /// <summary><c>crc32(key) % partitionCount</c>, unsigned.</summary>
    internal static int Hash(ReadOnlySpan<byte> key, int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitionCount);
        return (int)(Crc32.HashToUInt32(key) % (uint)partitionCount);
    }
}
