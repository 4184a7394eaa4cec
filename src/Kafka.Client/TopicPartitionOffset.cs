namespace Kafka.Client;

/// <summary>An offset in a partition of a topic.</summary>
/// <param name="Topic">The topic name.</param>
/// <param name="Partition">The partition index.</param>
/// <param name="Offset">The offset.</param>
public readonly record struct TopicPartitionOffset(string Topic, int Partition, long Offset)
{
    /// <summary>Creates an offset in <paramref name="topicPartition"/>.</summary>
    public TopicPartitionOffset(TopicPartition topicPartition, long offset)
        : this(topicPartition.Topic, topicPartition.Partition, offset)
    {
    }

    /// <summary>The topic and partition.</summary>
    public TopicPartition TopicPartition => new(Topic, Partition);

    /// <summary>"topic [partition] @offset", as Confluent.Kafka prints it.</summary>
    public override string ToString() => $"{Topic} [{Partition}] @{Offset}";
}
