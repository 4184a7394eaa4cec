using Kafka.Client.Protocol;

namespace Kafka.Client.Cluster;

/// <summary>What the metadata says about one partition.</summary>
internal sealed record PartitionMetadata(int Partition, int Leader, int LeaderEpoch, int[] Replicas, int[] Isr, ErrorCode Error);

/// <summary>What the metadata says about one topic.</summary>
internal sealed record TopicMetadata(string Name, KafkaUuid Id, ErrorCode Error, PartitionMetadata[] Partitions, bool IsInternal)
{
    /// <summary>Partitions that have a leader now.</summary>
    public int[] AvailablePartitions { get; } = [.. Partitions.Where(p => p.Leader >= 0).Select(p => p.Partition)];
}

/// <summary>A broker as metadata lists it.</summary>
internal sealed record BrokerMetadata(int NodeId, string Host, int Port, string? Rack);
