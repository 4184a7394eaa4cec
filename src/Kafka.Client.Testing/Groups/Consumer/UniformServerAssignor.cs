using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.Groups.Consumer;

/// <summary>
/// The <c>uniform</c> assignor (KIP-848's default): as even as the subscriptions allow and sticky. Each member keeps
/// the partitions of its previous target it still subscribes to, the partitions nobody has go to the eligible member
/// with the fewest, then partitions move from the most loaded members to eligible members with at least two fewer
/// until no such move is left. With one subscription for all, every member ends with P/M or P/M+1 partitions, and a
/// member joining or leaving moves only the partitions it takes or gives (Kafka's <c>UniformAssignor</c> reaches the
/// same balance with its own algorithm).
/// </summary>
internal sealed class UniformServerAssignor : ServerAssignor
{
    public const string AssignorName = "uniform";

    public static readonly UniformServerAssignor Instance = new();

    public override string Name => AssignorName;

    public override Dictionary<string, HashSet<TopicIdPartition>> Assign(
        IReadOnlyList<AssignorMember> members,
        IReadOnlyDictionary<KafkaUuid, int> partitionCounts,
        IReadOnlyDictionary<string, HashSet<TopicIdPartition>> previous)
    {
        var result = members.ToDictionary(m => m.MemberId, _ => new HashSet<TopicIdPartition>(), StringComparer.Ordinal);
        var taken = new HashSet<TopicIdPartition>();
        foreach (AssignorMember member in members)
        {
            foreach (TopicIdPartition partition in previous.GetValueOrDefault(member.MemberId) ?? [])
            {
                if (member.Topics.Contains(partition.TopicId) && partitionCounts.TryGetValue(partition.TopicId, out int count)
                    && partition.Partition < count && taken.Add(partition))
                {
                    result[member.MemberId].Add(partition);
                }
            }
        }

        foreach (KafkaUuid topic in Ordered(partitionCounts.Keys))
        {
            for (int p = 0; p < partitionCounts[topic]; p++)
            {
                var partition = new TopicIdPartition(topic, p);
                if (taken.Contains(partition))
                {
                    continue;
                }

                AssignorMember? least = members.Where(m => m.Topics.Contains(topic)).MinBy(m => result[m.MemberId].Count);
                if (least is not null)
                {
                    result[least.MemberId].Add(partition);
                    taken.Add(partition);
                }
            }
        }

        Balance(members, result);
        return result;
    }

    /// <summary>Moves partitions from heavier to lighter eligible members until no member has two more than one that could take one.</summary>
    private static void Balance(IReadOnlyList<AssignorMember> members, Dictionary<string, HashSet<TopicIdPartition>> result)
    {
        bool moved = true;
        while (moved)
        {
            moved = false;
            foreach (AssignorMember heavy in members.OrderByDescending(m => result[m.MemberId].Count))
            {
                foreach (AssignorMember light in members.OrderBy(m => result[m.MemberId].Count))
                {
                    if (result[heavy.MemberId].Count - result[light.MemberId].Count < 2)
                    {
                        break;
                    }

                    TopicIdPartition? movable = result[heavy.MemberId]
                        .Where(p => light.Topics.Contains(p.TopicId))
                        .OrderByDescending(p => p.TopicId.MostSignificantBits).ThenByDescending(p => p.TopicId.LeastSignificantBits).ThenByDescending(p => p.Partition)
                        .Select(p => (TopicIdPartition?)p).FirstOrDefault();
                    if (movable is { } partition)
                    {
                        result[heavy.MemberId].Remove(partition);
                        result[light.MemberId].Add(partition);
                        moved = true;
                        break;
                    }
                }

                if (moved)
                {
                    break;
                }
            }
        }
    }
}
