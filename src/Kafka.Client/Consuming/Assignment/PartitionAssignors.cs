namespace Kafka.Client.Consuming.Assignment;

/// <summary>The built-in assignors, by <see cref="PartitionAssignmentStrategy"/>.</summary>
internal static class PartitionAssignors
{
    /// <summary>A new instance of the built-in assignor; one per consumer, since <c>sticky</c> keeps state.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="strategy"/> is not a defined value.</exception>
    public static IPartitionAssignor Create(PartitionAssignmentStrategy strategy) => strategy switch
    {
        PartitionAssignmentStrategy.Range => new RangeAssignor(),
        PartitionAssignmentStrategy.RoundRobin => new RoundRobinAssignor(),
        PartitionAssignmentStrategy.Sticky => new StickyAssignor(),
        PartitionAssignmentStrategy.CooperativeSticky => new CooperativeStickyAssignor(),
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown partition assignment strategy."),
    };
}
