namespace Kafka.Client;

/// <summary>The partitions an assignor gives one member, with optional assignor-specific bytes.</summary>
/// <param name="Partitions">The partitions the member consumes.</param>
/// <param name="UserData">Bytes handed to <see cref="IPartitionAssignor.OnAssignment"/> on the member; empty when none.</param>
public sealed record MemberAssignment(IReadOnlyList<TopicPartition> Partitions, ReadOnlyMemory<byte> UserData = default);
