namespace Kafka.Client.Testing;

/// <summary>
/// The partitions' leaders, leader epochs, replicas and ISR at one moment, taken with
/// <see cref="EmbeddedKafkaCluster.TakeMetadataSnapshot"/>, to be served later by
/// <see cref="EmbeddedKafkaCluster.ServeStaleMetadata"/> as brokers that are behind would.
/// </summary>
public sealed class EmbeddedMetadataSnapshot
{
    internal EmbeddedMetadataSnapshot(IReadOnlyDictionary<(string Topic, int Partition), (int Leader, int LeaderEpoch, int[] Replicas, int[] Isr)> partitions) =>
        Partitions = partitions;

    internal IReadOnlyDictionary<(string Topic, int Partition), (int Leader, int LeaderEpoch, int[] Replicas, int[] Isr)> Partitions { get; }
}
