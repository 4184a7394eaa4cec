namespace Kafka.Client.Consuming;

/// <summary>What a completed rebalance gave this member.</summary>
/// <param name="GenerationId">The new generation.</param>
/// <param name="Assignor">The assignor the group chose.</param>
/// <param name="Assignment">This member's partitions.</param>
/// <param name="PartitionCounts">When this member led: the partition counts it assigned from, to notice changes; else null.</param>
internal sealed record GroupAssignmentResult(int GenerationId, IPartitionAssignor Assignor, MemberAssignment Assignment, IReadOnlyDictionary<string, int>? PartitionCounts);
