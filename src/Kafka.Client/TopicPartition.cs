namespace Kafka.Client;

/// <summary>A partition of a topic.</summary>
/// <param name="Topic">The topic name.</param>
/// <param name="Partition">The partition index.</param>
public readonly record struct TopicPartition(string Topic, int Partition)
{
    /// <summary>"topic [partition]", as Confluent.Kafka prints it.</summary>
    public override string ToString() => $"{Topic} [{Partition}]";
}
