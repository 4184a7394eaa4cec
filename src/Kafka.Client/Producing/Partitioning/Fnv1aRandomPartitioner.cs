namespace Kafka.Client;

/// <summary>
/// librdkafka's <c>fnv1a_random</c> partitioner: <c>fnv1a(key) % partitions</c>; a null key returns -1, leaving the
/// record to the sticky partitioner, as librdkafka does by default (rd_kafka_msg_partitioner_fnv1a_random and
/// rd_kafka_msg_partitioner in src/rdkafka_msg.c). Empty (not null) keys are hashed.
/// </summary>
public sealed class Fnv1aRandomPartitioner : IPartitioner
{
    /// <inheritdoc />
    public int Partition(string topic, int partitionCount, ReadOnlySpan<byte> keyBytes, bool keyIsNull) =>
        keyIsNull ? -1 : Fnv1a.Partition(keyBytes, partitionCount);
}
