using Kafka.Client.Consuming.Assignment;
namespace Kafka.Client.Tests.Assignment;

/// <summary>Builders for assignor inputs and readable views of their outputs.</summary>
internal static class Groups
{
    public static TopicPartition Tp(string topic, int partition) => new(topic, partition);

    public static GroupMemberSubscription Member(
        string memberId,
        string[] topics,
        IEnumerable<TopicPartition>? owned = null,
        int generation = -1,
        string? instanceId = null,
        ReadOnlyMemory<byte> userData = default) =>
        new()
        {
            MemberId = memberId,
            GroupInstanceId = instanceId,
            Topics = topics,
            OwnedPartitions = owned is null ? [] : [.. owned],
            GenerationId = generation,
            UserData = userData,
        };

    /// <summary>
    /// A member as the given assignor's protocol presents it: an eager <c>sticky</c> member has revoked everything and
    /// carries its previous assignment in the user data, Java style; others send owned partitions and generation.
    /// </summary>
    public static GroupMemberSubscription MemberFor(
        IPartitionAssignor assignor, string memberId, string[] topics, IReadOnlyCollection<TopicPartition> owned, int generation) =>
        assignor is StickyAssignor
            ? Member(memberId, topics, generation: generation, userData: owned.Count == 0 ? default : StickyUserData.EncodeSticky(owned, generation))
            : Member(memberId, topics, owned, generation,
                userData: assignor.GetSubscriptionUserData(topics, owned, generation));

    public static GroupAssignmentContext Context(Dictionary<string, int> partitionCounts, params GroupMemberSubscription[] members) =>
        new() { Members = members, PartitionCounts = partitionCounts };

    /// <summary>Runs the assignor through the leader's checks (every member, no partition twice, subscribed and existing partitions, cooperative rule).</summary>
    public static Dictionary<string, List<TopicPartition>> Assign(
        IPartitionAssignor assignor, Dictionary<string, int> partitionCounts, params GroupMemberSubscription[] members)
    {
        IReadOnlyDictionary<string, MemberAssignment> result = GroupAssignmentRunner.Assign(members, assignor, partitionCounts);
        var partitions = new Dictionary<string, List<TopicPartition>>(StringComparer.Ordinal);
        foreach ((string memberId, MemberAssignment assignment) in result)
        {
            partitions.Add(memberId, [.. assignment.Partitions]);
        }

        return partitions;
    }

    public static List<TopicPartition> Sorted(IEnumerable<TopicPartition> partitions)
    {
        var list = new List<TopicPartition>(partitions);
        list.Sort(TopicPartitions.ByTopicThenPartition);
        return list;
    }

    public static List<TopicPartition> Partitions(params TopicPartition[] partitions) => Sorted(partitions);

    public static string Describe(Dictionary<string, List<TopicPartition>> assignment) =>
        string.Join("; ", assignment.OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => $"{e.Key}: {string.Join(",", Sorted(e.Value).Select(tp => $"{tp.Topic}-{tp.Partition}"))}"));
}
