namespace Kafka.Client;

/// <summary>
/// librdkafka's <c>murmur2</c> partitioner: <c>(murmur2(key) &amp; 0x7fffffff) % partitions</c>, a null key
/// hashed as an empty one, so all null keys go to one partition (rd_kafka_msg_partitioner_murmur2 in
/// src/rdkafka_msg.c; with this partitioner librdkafka does not use its sticky partitioner, rdkafka_topic.c).
/// </summary>
public sealed class Murmur2Partitioner : IPartitioner
{
    /// <inheritdoc />
    public int Partition(string topic, int partitionCount, ReadOnlySpan<byte> keyBytes, bool keyIsNull) =>
        Murmur2.Partition(keyIsNull ? default : keyBytes, partitionCount);
}
