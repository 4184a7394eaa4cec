namespace Kafka.Client.Testing;

/// <summary>A snapshot of one partition of an <see cref="EmbeddedKafkaCluster"/>, for assertions in tests.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition index.</param>
/// <param name="Leader">The leader's broker id, or -1 while the partition is offline.</param>
/// <param name="LeaderEpoch">The leader epoch.</param>
/// <param name="Replicas">The replicas, preferred leader first.</param>
/// <param name="Isr">The in-sync replicas.</param>
/// <param name="LogStartOffset">The first offset still in the log.</param>
/// <param name="HighWatermark">The high watermark: what consumers can read.</param>
/// <param name="LogEndOffset">The offset the next record will get.</param>
/// <param name="LogSizeBytes">Bytes of record batches in the log.</param>
/// <param name="BatchCount">Record batches in the log.</param>
public sealed record EmbeddedPartitionInfo(
    string Topic,
    int Partition,
    int Leader,
    int LeaderEpoch,
    IReadOnlyList<int> Replicas,
    IReadOnlyList<int> Isr,
    long LogStartOffset,
    long HighWatermark,
    long LogEndOffset,
    long LogSizeBytes,
    int BatchCount);
