namespace Kafka.Client;

/// <summary>Everything the group leader knows when it assigns partitions: the members and the subscribed topics' partition counts.</summary>
public sealed class GroupAssignmentContext
{
    /// <summary>The members of the group, in the order the coordinator listed them.</summary>
    public required IReadOnlyList<GroupMemberSubscription> Members { get; init; }

    /// <summary>
    /// The number of partitions of every topic some member subscribes to and that exists; topics missing here
    /// don't exist (yet) and get no partitions.
    /// </summary>
    public required IReadOnlyDictionary<string, int> PartitionCounts { get; init; }
}
