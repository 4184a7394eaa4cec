using System.Text;
using Kafka.Client.Protocol;
using Kafka.Client.Testing;

namespace Kafka.Client.Tests;

/// <summary>Reads what a partition of the embedded cluster holds, for tests that check what a producer wrote.</summary>
internal static class PartitionLog
{
    /// <summary>The partition's record values, decoded as UTF-8, in log order (null for a null value).</summary>
    public static List<string?> Values(EmbeddedKafkaCluster cluster, string topic, int partition)
    {
        var values = new List<string?>();
        foreach (ReadOnlyMemory<byte> batches in cluster.ReadBatches(topic, partition))
        {
            foreach (RecordBatch batch in new RecordBatchReader(batches))
            {
                foreach (Record record in batch.GetRecords())
                {
                    values.Add(record.IsValueNull ? null : Encoding.UTF8.GetString(record.Value));
                }
            }
        }

        return values;
    }
}
