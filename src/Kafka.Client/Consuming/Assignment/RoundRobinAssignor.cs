using Kafka.Client.Consuming.Assignment;
namespace Kafka.Client;

/// <summary>
/// The <c>roundrobin</c> assignor (Java's <c>org.apache.kafka.clients.consumer.RoundRobinAssignor</c>): all
/// partitions of all subscribed topics, sorted by topic then partition, are dealt to the members in a circle,
/// skipping members that don't subscribe to the partition's topic.
/// </summary>
/// <remarks>
/// Members are ordered as Java orders them: static members first by <c>group.instance.id</c>, then the others by
/// member id. With equal subscriptions the member counts differ by at most one; with unequal subscriptions they
/// may not. Eager protocol.
/// </remarks>
public sealed class RoundRobinAssignor : IPartitionAssignor
{
    /// <summary>The protocol name, <c>roundrobin</c>.</summary>
    public string Name => "roundrobin";

    /// <summary>Always <see cref="RebalanceProtocol.Eager"/>.</summary>
    public RebalanceProtocol Protocol => RebalanceProtocol.Eager;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, MemberAssignment> Assign(GroupAssignmentContext context)
    {
        var input = new AssignmentInput(context);
        Dictionary<string, List<TopicPartition>> assignment = input.EmptyAssignment();
        List<GroupMemberSubscription> ordered = input.MembersInJavaOrder();

        // Every topic in input.Topics has a subscriber, so the search for the next one always ends.
        int cursor = 0;
        foreach (string topic in input.Topics)
        {
            int partitionCount = input.PartitionCount(topic);
            for (int partition = 0; partition < partitionCount; partition++)
            {
                while (!input.Subscribes(ordered[cursor].MemberId, topic))
                {
                    cursor = (cursor + 1) % ordered.Count;
                }

                assignment[ordered[cursor].MemberId].Add(new TopicPartition(topic, partition));
                cursor = (cursor + 1) % ordered.Count;
            }
        }

        return AssignmentInput.ToResult(assignment);
    }
}
