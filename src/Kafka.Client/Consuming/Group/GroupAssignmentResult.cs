namespace Kafka.Client.Consuming;

/// <summary>What a completed rebalance (classic) or a reconciliation (consumer protocol) gives this member.</summary>
/// <param name="GenerationId">The new generation, or the member epoch.</param>
/// <param name="Partitions">This member's partitions.</param>
/// <param name="PartitionCounts">When this member led a classic group: the partition counts it assigned from, to notice changes; else null.</param>
internal sealed record GroupAssignmentResult(int GenerationId, IReadOnlyList<TopicPartition> Partitions, IReadOnlyDictionary<string, int>? PartitionCounts);
