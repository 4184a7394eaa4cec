namespace Kafka.Client;

/// <summary>The consumer group protocol a consumer speaks (Kafka's <c>group.protocol</c>).</summary>
public enum GroupProtocol
{
    /// <summary>
    /// The classic protocol (<c>classic</c>, the default): JoinGroup, SyncGroup and Heartbeat; one member computes
    /// the assignment with a <see cref="PartitionAssignmentStrategy"/>.
    /// </summary>
    Classic = 0,

    /// <summary>
    /// The consumer protocol of KIP-848 (<c>consumer</c>, Kafka 4.0+): members heartbeat with ConsumerGroupHeartbeat,
    /// the broker computes the assignment (<see cref="ConsumerOptions.GroupRemoteAssignor"/>), and rebalances are
    /// incremental: no member stops consuming the partitions it keeps.
    /// </summary>
    Consumer = 1,
}
