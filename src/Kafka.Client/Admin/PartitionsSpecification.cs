namespace Kafka.Client;

/// <summary>
/// New partitions for a topic: the total count to raise it to, and optionally where the new ones go
/// (as Confluent.Kafka's <c>PartitionsSpecification</c>, Java's <c>NewPartitions</c>).
/// </summary>
public sealed class PartitionsSpecification
{
    /// <summary>The topic to add partitions to.</summary>
    public required string Topic { get; init; }

    /// <summary>The total number of partitions the topic will have, more than it has now.</summary>
    public required int IncreaseTo { get; init; }

    /// <summary>
    /// The broker ids holding each new partition, in order (one list per new partition), or null to let the
    /// controller place them.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<int>>? ReplicaAssignments { get; init; }
}
