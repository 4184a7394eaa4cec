namespace Kafka.Client.Admin;

/// <summary>The per-topic lists of partitions that partition requests carry and their responses answer.</summary>
internal static class PartitionLists
{
    /// <summary>Partitions grouped by topic, each turned into its request entry.</summary>
    public static IEnumerable<(string Topic, List<T> Partitions)> ByTopic<T>(IEnumerable<TopicPartition> partitions, Func<TopicPartition, T> entry) =>
        partitions.GroupBy(p => p.Topic, StringComparer.Ordinal).Select(g => (g.Key, g.Select(entry).ToList()));

    /// <summary>The partition entries of a response, each with the partition it is about.</summary>
    public static IEnumerable<(TopicPartition TopicPartition, TPartition Entry)> Flatten<TTopic, TPartition>(
        IEnumerable<TTopic> topics,
        Func<TTopic, string> name,
        Func<TTopic, IEnumerable<TPartition>> partitions,
        Func<TPartition, int> index) =>
        topics.SelectMany(t => partitions(t).Select(p => (new TopicPartition(name(t), index(p)), p)));
}
