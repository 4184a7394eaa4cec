namespace Kafka.Client;

/// <summary>
/// A topic to create: its partition count and replication factor (or the broker's defaults), or an explicit
/// replica assignment, and topic configs (as Confluent.Kafka's <c>TopicSpecification</c>, Java's <c>NewTopic</c>).
/// </summary>
public sealed class TopicSpecification
{
    /// <summary>The topic name.</summary>
    public required string Name { get; init; }

    /// <summary>The number of partitions; -1 for the broker's <c>num.partitions</c>.</summary>
    /// <remarks>Default -1. Leave at -1 when <see cref="ReplicasAssignments"/> is given.</remarks>
    public int NumPartitions { get; init; } = -1;

    /// <summary>The number of replicas of each partition; -1 for the broker's <c>default.replication.factor</c>.</summary>
    /// <remarks>Default -1. Leave at -1 when <see cref="ReplicasAssignments"/> is given.</remarks>
    public short ReplicationFactor { get; init; } = -1;

    /// <summary>
    /// The broker ids holding each partition (partition index → replicas, the first one the preferred leader), or
    /// null to let the controller place them.
    /// </summary>
    public IReadOnlyDictionary<int, IReadOnlyList<int>>? ReplicasAssignments { get; init; }

    /// <summary>Topic configs that differ from the broker's defaults, e.g. <c>"retention.ms" = "3600000"</c>.</summary>
    public IReadOnlyDictionary<string, string>? Configs { get; init; }
}
