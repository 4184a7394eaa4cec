namespace Kafka.Client;

/// <summary>One partition of a described topic.</summary>
/// <param name="Partition">The partition index.</param>
/// <param name="Leader">The broker leading it, or null while it has no leader.</param>
/// <param name="Replicas">The brokers holding a replica, the preferred leader first.</param>
/// <param name="Isr">The replicas in sync with the leader.</param>
public sealed record TopicPartitionInfo(int Partition, Node? Leader, IReadOnlyList<Node> Replicas, IReadOnlyList<Node> Isr);
