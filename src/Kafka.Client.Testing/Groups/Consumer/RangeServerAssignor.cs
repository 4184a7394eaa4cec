using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.Groups.Consumer;

/// <summary>
/// The <c>range</c> assignor: for each topic, its partitions in contiguous ranges over the members that subscribe to
/// it, sorted by member id, the first members taking one more when the count does not divide evenly (as Kafka's
/// <c>RangeAssignor</c>, so co-partitioned topics line up).
/// </summary>
internal sealed class RangeServerAssignor : ServerAssignor
{
    public const string AssignorName = "range";

    public static readonly RangeServerAssignor Instance = new();

    public override string Name => AssignorName;

    public override Dictionary<string, HashSet<TopicIdPartition>> Assign(
        IReadOnlyList<AssignorMember> members,
        IReadOnlyDictionary<KafkaUuid, int> partitionCounts,
        IReadOnlyDictionary<string, HashSet<TopicIdPartition>> previous)
    {
        var result = members.ToDictionary(m => m.MemberId, _ => new HashSet<TopicIdPartition>(), StringComparer.Ordinal);
        foreach (KafkaUuid topic in Ordered(partitionCounts.Keys))
        {
            List<AssignorMember> subscribers = [.. members.Where(m => m.Topics.Contains(topic))];
            if (subscribers.Count == 0)
            {
                continue;
            }

            int count = partitionCounts[topic];
            int each = count / subscribers.Count, extra = count % subscribers.Count, next = 0;
            for (int i = 0; i < subscribers.Count; i++)
            {
                int take = each + (i < extra ? 1 : 0);
                for (int p = next; p < next + take; p++)
                {
                    result[subscribers[i].MemberId].Add(new TopicIdPartition(topic, p));
                }

                next += take;
            }
        }

        return result;
    }
}
