namespace Kafka.Client.Testing.State;

/// <summary>Log retention by time and size, applied periodically.</summary>
internal sealed partial class ClusterState
{
    public void ApplyRetention()
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (TopicState topic in AllTopics())
        {
            long retentionMs = topic.GetLong("retention.ms");
            long retentionBytes = topic.GetLong("retention.bytes");
            foreach (PartitionState partition in topic.Partitions.ToArray())
            {
                lock (partition.Sync)
                {
                    long before = partition.LogStartOffset;
                    partition.Log.ApplyRetention(now, retentionMs, retentionBytes, partition.HighWatermark);
                    if (partition.LogStartOffset != before)
                    {
                        partition.LogStartMovedLocked();
                    }
                }
            }
        }
    }
}
