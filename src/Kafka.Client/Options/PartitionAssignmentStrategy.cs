namespace Kafka.Client;

/// <summary>
/// A consumer group assignor (one entry of Kafka's <c>partition.assignment.strategy</c>). The group uses the first
/// strategy every member supports, so a list is in preference order.
/// </summary>
public enum PartitionAssignmentStrategy
{
    /// <summary>
    /// Per topic, consecutive ranges of partitions to members in order (<c>range</c>,
    /// <c>org.apache.kafka.clients.consumer.RangeAssignor</c>).
    /// </summary>
    Range = 0,

    /// <summary>
    /// All partitions dealt round-robin over the members (<c>roundrobin</c>,
    /// <c>org.apache.kafka.clients.consumer.RoundRobinAssignor</c>).
    /// </summary>
    RoundRobin = 1,

    /// <summary>
    /// Balanced, keeping as many previous assignments as possible (<c>sticky</c>,
    /// <c>org.apache.kafka.clients.consumer.StickyAssignor</c>); eager rebalancing.
    /// </summary>
    Sticky = 2,

    /// <summary>
    /// Sticky with incremental cooperative rebalancing (<c>cooperative-sticky</c>,
    /// <c>org.apache.kafka.clients.consumer.CooperativeStickyAssignor</c>): members keep consuming the partitions
    /// they keep during a rebalance.
    /// </summary>
    CooperativeSticky = 3,
}
