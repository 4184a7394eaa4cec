namespace Kafka.Client.Consuming.Assignment;

/// <summary>Ordering and grouping of topic-partitions, shared by the assignors and the consumer protocol codecs.</summary>
internal static class TopicPartitions
{
    /// <summary>Orders by topic (ordinal, as Java's <c>String.compareTo</c>) then partition.</summary>
    public static readonly Comparison<TopicPartition> ByTopicThenPartition = static (a, b) =>
    {
        int byTopic = string.CompareOrdinal(a.Topic, b.Topic);
        return byTopic != 0 ? byTopic : a.Partition.CompareTo(b.Partition);
    };

    /// <summary>The partitions grouped by topic, topics and partitions sorted.</summary>
    public static List<(string Topic, List<int> Partitions)> GroupSorted(IEnumerable<TopicPartition> partitions)
    {
        var sorted = new List<TopicPartition>(partitions);
        sorted.Sort(ByTopicThenPartition);
        return GroupInOrder(sorted);
    }

    /// <summary>The partitions grouped by topic, topics in the order they first appear, partitions in the given order.</summary>
    public static List<(string Topic, List<int> Partitions)> GroupInOrder(IEnumerable<TopicPartition> partitions)
    {
        var groups = new List<(string Topic, List<int> Partitions)>();
        var indexByTopic = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (TopicPartition tp in partitions)
        {
            if (!indexByTopic.TryGetValue(tp.Topic, out int index))
            {
                index = groups.Count;
                indexByTopic.Add(tp.Topic, index);
                groups.Add((tp.Topic, new List<int>()));
            }

            groups[index].Partitions.Add(tp.Partition);
        }

        return groups;
    }
}
