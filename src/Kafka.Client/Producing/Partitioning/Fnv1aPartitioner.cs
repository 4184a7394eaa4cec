namespace Kafka.Client;

/// <summary>
/// librdkafka's <c>fnv1a</c> partitioner: <c>fnv1a(key) % partitions</c>; a null key hashes as an empty one, so all
/// null keys go to one partition (rd_kafka_msg_partitioner_fnv1a in src/rdkafka_msg.c).
/// </summary>
public sealed class Fnv1aPartitioner : IPartitioner
{
    /// <inheritdoc />
    public int Partition(string topic, int partitionCount, ReadOnlySpan<byte> keyBytes, bool keyIsNull) =>
        Fnv1a.Partition(keyIsNull ? default : keyBytes, partitionCount);
}
