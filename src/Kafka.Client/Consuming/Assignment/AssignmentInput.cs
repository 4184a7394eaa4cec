namespace Kafka.Client.Consuming.Assignment;

/// <summary>
/// A <see cref="GroupAssignmentContext"/> as the built-in assignors read it: per member the subscribed topics that
/// exist, and the partition counts of the topics some member subscribes to (topics nobody subscribes to, and topics
/// with no partitions, are left out as the Java client's <c>AbstractPartitionAssignor</c> leaves them out).
/// </summary>
internal sealed class AssignmentInput
{
    private readonly Dictionary<string, int> _partitionCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _topicsByMember = new(StringComparer.Ordinal);

    /// <summary>Reads <paramref name="context"/>.</summary>
    /// <exception cref="ArgumentException">A member is null, has no topic list, or two members share a member id.</exception>
    public AssignmentInput(GroupAssignmentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(context.Members);
        ArgumentNullException.ThrowIfNull(context.PartitionCounts);
        Members = context.Members;
        foreach (GroupMemberSubscription? member in context.Members)
        {
            if (member?.MemberId is null || member.Topics is null || member.OwnedPartitions is null)
            {
                throw new ArgumentException("A member, its id, topics or owned partitions are null.", nameof(context));
            }

            var topics = new HashSet<string>(StringComparer.Ordinal);
            foreach (string topic in member.Topics)
            {
                if (context.PartitionCounts.TryGetValue(topic, out int count) && count > 0)
                {
                    topics.Add(topic);
                    _partitionCounts[topic] = count;
                }
            }

            if (!_topicsByMember.TryAdd(member.MemberId, topics))
            {
                throw new ArgumentException($"Member id {member.MemberId} appears twice.", nameof(context));
            }
        }

        var sortedTopics = new List<string>(_partitionCounts.Keys);
        sortedTopics.Sort(StringComparer.Ordinal);
        Topics = sortedTopics;
        foreach (int count in _partitionCounts.Values)
        {
            TotalPartitions += count;
        }
    }

    /// <summary>The members, in the order of the context.</summary>
    public IReadOnlyList<GroupMemberSubscription> Members { get; }

    /// <summary>The topics some member subscribes to and that have partitions, sorted ordinally.</summary>
    public IReadOnlyList<string> Topics { get; }

    /// <summary>The number of partitions of all <see cref="Topics"/>.</summary>
    public int TotalPartitions { get; }

    /// <summary>The partition count of one of <see cref="Topics"/>, or 0.</summary>
    public int PartitionCount(string topic) => _partitionCounts.GetValueOrDefault(topic);

    /// <summary>The existing topics a member subscribes to.</summary>
    public IReadOnlySet<string> TopicsOf(string memberId) => _topicsByMember[memberId];

    /// <summary>True when the member subscribes to the topic and the topic exists.</summary>
    public bool Subscribes(string memberId, string topic) => _topicsByMember[memberId].Contains(topic);

    /// <summary>True when the partition exists in a topic some member subscribes to.</summary>
    public bool Exists(TopicPartition partition) =>
        partition.Partition >= 0 && partition.Partition < PartitionCount(partition.Topic);

    /// <summary>The members in the order range and round robin walk them (<see cref="MemberOrder"/>).</summary>
    public List<GroupMemberSubscription> MembersInJavaOrder()
    {
        var ordered = new List<GroupMemberSubscription>(Members);
        ordered.Sort(MemberOrder.Instance);
        return ordered;
    }

    /// <summary>The members' ids, sorted ordinally.</summary>
    public List<string> SortedMemberIds()
    {
        var ids = new List<string>(_topicsByMember.Keys);
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    /// <summary>An empty partition list for every member.</summary>
    public Dictionary<string, List<TopicPartition>> EmptyAssignment()
    {
        var assignment = new Dictionary<string, List<TopicPartition>>(_topicsByMember.Count, StringComparer.Ordinal);
        foreach (string memberId in _topicsByMember.Keys)
        {
            assignment.Add(memberId, []);
        }

        return assignment;
    }

    /// <summary>Wraps partition lists as the assignor result.</summary>
    public static IReadOnlyDictionary<string, MemberAssignment> ToResult(Dictionary<string, List<TopicPartition>> assignment)
    {
        var result = new Dictionary<string, MemberAssignment>(assignment.Count, StringComparer.Ordinal);
        foreach ((string memberId, List<TopicPartition> partitions) in assignment)
        {
            result.Add(memberId, new MemberAssignment(partitions));
        }

        return result;
    }
}
