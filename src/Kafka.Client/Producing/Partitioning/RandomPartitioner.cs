namespace Kafka.Client;

/// <summary>
/// librdkafka's <c>random</c> partitioner: a uniformly random partition for every keyed record; null keys return
/// -1, leaving the record to the sticky partitioner, as librdkafka does by default
/// (rd_kafka_msg_partitioner_random and rd_kafka_msg_partitioner in src/rdkafka_msg.c).
/// </summary>
public sealed class RandomPartitioner : IPartitioner
{
    /// <inheritdoc />
    public int Partition(string topic, int partitionCount, ReadOnlySpan<byte> keyBytes, bool keyIsNull)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitionCount);
        return keyIsNull ? -1 : Random.Shared.Next(partitionCount);
    }
}
