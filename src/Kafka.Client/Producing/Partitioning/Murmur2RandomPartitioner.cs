namespace Kafka.Client;

/// <summary>
/// The Java client's built-in partitioner for keyed records and librdkafka's <c>murmur2_random</c>:
/// <c>(murmur2(key) &amp; 0x7fffffff) % partitions</c>; a null key returns -1, leaving the record to the sticky
/// partitioner. Empty (not null) keys are hashed.
/// </summary>
/// <remarks>
/// librdkafka's function picks a random partition for a null key, but librdkafka only calls it for null keys when
/// <c>sticky.partitioning.linger.ms</c> is 0; by default it sends them to its sticky partition
/// (rd_kafka_msg_partitioner in src/rdkafka_msg.c). Java: <c>BuiltInPartitioner.partitionForKey</c>.
/// </remarks>
public sealed class Murmur2RandomPartitioner : IPartitioner
{
    /// <inheritdoc />
    public int Partition(string topic, int partitionCount, ReadOnlySpan<byte> keyBytes, bool keyIsNull) =>
        keyIsNull ? -1 : Murmur2.Partition(keyBytes, partitionCount);
}
