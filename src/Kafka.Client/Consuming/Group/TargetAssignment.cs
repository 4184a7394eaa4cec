using Kafka.Client.Cluster;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Consuming;

/// <summary>
/// The partitions the coordinator last assigned to a consumer-protocol member (ConsumerGroupHeartbeat's Assignment),
/// by topic id, with the member epoch it came with. The member reconciles towards it (Java's
/// <c>AbstractMembershipManager</c> target assignment).
/// </summary>
internal sealed class TargetAssignment
{
    private readonly Dictionary<KafkaUuid, int[]> _partitions;

    private TargetAssignment(int epoch, Dictionary<KafkaUuid, int[]> partitions)
    {
        Epoch = epoch;
        _partitions = partitions;
    }

    /// <summary>The member epoch of the heartbeat response that carried it.</summary>
    public int Epoch { get; }

    public static TargetAssignment From(int epoch, ConsumerGroupHeartbeatResponse.AssignmentData assignment)
    {
        var partitions = new Dictionary<KafkaUuid, int[]>();
        foreach (ConsumerGroupHeartbeatResponse.TopicPartitions topic in assignment.TopicPartitions)
        {
            partitions[topic.TopicId] = [.. topic.Partitions];
        }

        return new TargetAssignment(epoch, partitions);
    }

    /// <summary>The topic ids the metadata cache does not know yet.</summary>
    public List<KafkaUuid> Unresolved(KafkaCluster cluster) => [.. _partitions.Keys.Where(id => cluster.TryGetTopic(id) is null)];

    /// <summary>
    /// The partitions by name, of the topics the metadata knows; those of unknown topic ids are left out until the
    /// metadata names them (Java reconciles the resolved part and keeps the rest pending the same way).
    /// </summary>
    public List<TopicPartition> Resolve(KafkaCluster cluster)
    {
        var resolved = new List<TopicPartition>();
        foreach (var (id, partitions) in _partitions)
        {
            if (cluster.TryGetTopic(id) is { } topic)
            {
                foreach (int partition in partitions)
                {
                    resolved.Add(new TopicPartition(topic.Name, partition));
                }
            }
        }

        return resolved;
    }
}
