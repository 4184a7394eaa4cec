using System.Globalization;

namespace Kafka.Client.Cli.Topics;

/// <summary>The lines <c>kafka-topics.sh --describe</c> prints (Kafka 4's TopicCommand), tab-separated.</summary>
internal static class TopicLayout
{
    /// <summary>
    /// <c>Topic: T	TopicId: ID	PartitionCount: N	ReplicationFactor: R	Configs: k=v,...</c> (configs not at their
    /// default), then per partition <c>	Topic: T	Partition: P	Leader: L	Replicas: ...	Isr: ...	Elr: N/A	LastKnownElr: N/A</c>.
    /// </summary>
    /// <remarks>
    /// Eligible leader replicas come only with the DescribeTopicPartitions API, which this client does not use:
    /// Kafka's tool prints N/A for them in that case too.
    /// </remarks>
    public static IEnumerable<string> Describe(TopicDescription topic, IEnumerable<ConfigEntry> configs)
    {
        List<TopicPartitionInfo> partitions = [.. topic.Partitions.OrderBy(p => p.Partition)];
        string overrides = string.Join(',', configs.Where(c => !c.IsDefault).OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => $"{c.Name}={c.Value}"));
        string id = topic.TopicId == Protocol.KafkaUuid.Zero ? "" : $"\tTopicId: {topic.TopicId}";
        int replicationFactor = partitions.Count > 0 ? partitions[0].Replicas.Count : 0;
        yield return string.Create(CultureInfo.InvariantCulture,
            $"Topic: {topic.Name}{id}\tPartitionCount: {partitions.Count}\tReplicationFactor: {replicationFactor}\tConfigs: {overrides}");
        foreach (TopicPartitionInfo partition in partitions)
        {
            string leader = partition.Leader is { } node ? node.Id.ToString(CultureInfo.InvariantCulture) : "none";
            yield return string.Create(CultureInfo.InvariantCulture,
                $"\tTopic: {topic.Name}\tPartition: {partition.Partition}\tLeader: {leader}\tReplicas: {Ids(partition.Replicas)}\tIsr: {Ids(partition.Isr)}\tElr: N/A\tLastKnownElr: N/A");
        }
    }

    private static string Ids(IReadOnlyList<Node> nodes) => string.Join(',', nodes.Select(n => n.Id.ToString(CultureInfo.InvariantCulture)));
}
