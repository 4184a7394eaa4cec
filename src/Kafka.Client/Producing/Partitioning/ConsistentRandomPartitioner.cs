namespace Kafka.Client;

/// <summary>
/// librdkafka's <c>consistent_random</c> partitioner (librdkafka's default): <c>crc32(key) % partitions</c>;
/// null and empty keys return -1, leaving the record to the sticky partitioner.
/// </summary>
/// <remarks>
/// librdkafka sends null and zero-length keys to its sticky partition with this partitioner
/// (rd_kafka_msg_partitioner and rd_kafka_msg_partitioner_consistent_random in src/rdkafka_msg.c).
/// </remarks>
public sealed class ConsistentRandomPartitioner : IPartitioner
{
    /// <inheritdoc />
    public int Partition(string topic, int partitionCount, ReadOnlySpan<byte> keyBytes, bool keyIsNull) =>
        keyIsNull || keyBytes.IsEmpty ? -1 : ConsistentPartitioner.Hash(keyBytes, partitionCount);
}
