using Kafka.Client.Consuming.Assignment;
namespace Kafka.Client;

/// <summary>
/// The <c>range</c> assignor (Java's <c>org.apache.kafka.clients.consumer.RangeAssignor</c>): topic by topic, the
/// partitions in order are cut into consecutive ranges, one per subscribed member, the first members getting one
/// more when the count doesn't divide evenly. With two members on two topics of three partitions, the first gets
/// partitions 0 and 1 of each topic and the second partition 2 of each.
/// </summary>
/// <remarks>
/// Members are ordered as Java orders them: static members first by <c>group.instance.id</c>, then the others by
/// member id, so equal partition numbers of co-partitioned topics go to the same member. Eager protocol.
/// Rack-aware assignment (KIP-881) is not done: the assignor sees partition counts, not replica racks.
/// </remarks>
public sealed class RangeAssignor : IPartitionAssignor
{
    /// <summary>The protocol name, <c>range</c>.</summary>
    public string Name => "range";

    /// <summary>Always <see cref="RebalanceProtocol.Eager"/>.</summary>
    public RebalanceProtocol Protocol => RebalanceProtocol.Eager;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, MemberAssignment> Assign(GroupAssignmentContext context)
    {
        var input = new AssignmentInput(context);
        Dictionary<string, List<TopicPartition>> assignment = input.EmptyAssignment();
        List<GroupMemberSubscription> ordered = input.MembersInJavaOrder();

        var subscribers = new List<string>(ordered.Count);
        foreach (string topic in input.Topics)
        {
            subscribers.Clear();
            foreach (GroupMemberSubscription member in ordered)
            {
                if (input.Subscribes(member.MemberId, topic))
                {
                    subscribers.Add(member.MemberId);
                }
            }

            int partitionCount = input.PartitionCount(topic);
            int perMember = partitionCount / subscribers.Count;
            int withExtra = partitionCount % subscribers.Count;
            int next = 0;
            for (int i = 0; i < subscribers.Count; i++)
            {
                int take = perMember + (i < withExtra ? 1 : 0);
                List<TopicPartition> partitions = assignment[subscribers[i]];
                for (int end = next + take; next < end; next++)
                {
                    partitions.Add(new TopicPartition(topic, next));
                }
            }
        }

        return AssignmentInput.ToResult(assignment);
    }
}
