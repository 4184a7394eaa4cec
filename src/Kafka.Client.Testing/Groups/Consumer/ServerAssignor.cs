using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.Groups.Consumer;

/// <summary>A member as an assignor sees it: its id and the ids of the topics it subscribes to.</summary>
internal sealed record AssignorMember(string MemberId, IReadOnlySet<KafkaUuid> Topics);

/// <summary>
/// A server-side assignor of the consumer group protocol (Kafka's <c>ConsumerGroupPartitionAssignor</c>): computes the
/// target assignment of every member from the subscriptions, the topics' partition counts and the previous target.
/// </summary>
internal abstract class ServerAssignor
{
    public abstract string Name { get; }

    /// <param name="members">The members, sorted by member id.</param>
    /// <param name="partitionCounts">Every subscribed topic's partition count, by topic id.</param>
    /// <param name="previous">The previous target assignment, by member id (for stickiness).</param>
    public abstract Dictionary<string, HashSet<TopicIdPartition>> Assign(
        IReadOnlyList<AssignorMember> members,
        IReadOnlyDictionary<KafkaUuid, int> partitionCounts,
        IReadOnlyDictionary<string, HashSet<TopicIdPartition>> previous);

    /// <summary>The assignor named <paramref name="name"/> (uniform or range).</summary>
    public static ServerAssignor For(string name) => name == RangeServerAssignor.AssignorName ? RangeServerAssignor.Instance : UniformServerAssignor.Instance;

    /// <summary>Topic ids in a fixed order, so assignments are the same from run to run.</summary>
    protected static IEnumerable<KafkaUuid> Ordered(IEnumerable<KafkaUuid> topics) =>
        topics.OrderBy(t => t.MostSignificantBits).ThenBy(t => t.LeastSignificantBits);
}
