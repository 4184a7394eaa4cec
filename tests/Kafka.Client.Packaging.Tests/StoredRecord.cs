using System.Text;
using Kafka.Client.Protocol;
using Kafka.Client.Testing;

namespace Kafka.Client.Packaging.Tests;

/// <summary>A record as an embedded cluster stored it: partition, batch codec, key and value as text.</summary>
internal sealed record StoredRecord(int Partition, CompressionCodec Codec, string? Key, string? Value)
{
    /// <summary>Every record of partitions 0 to <paramref name="partitions"/> - 1 of <paramref name="topic"/>, partition by partition, in offset order.</summary>
    public static List<StoredRecord> ReadAll(EmbeddedKafkaCluster cluster, string topic, int partitions)
    {
        var records = new List<StoredRecord>();
        for (int partition = 0; partition < partitions; partition++)
        {
            foreach (ReadOnlyMemory<byte> batches in cluster.ReadBatches(topic, partition))
            {
                foreach (RecordBatch batch in new RecordBatchReader(batches))
                {
                    foreach (Record record in batch.GetRecords())
                    {
                        records.Add(new StoredRecord(
                            partition,
                            batch.Compression,
                            record.IsKeyNull ? null : Encoding.UTF8.GetString(record.Key),
                            record.IsValueNull ? null : Encoding.UTF8.GetString(record.Value)));
                    }
                }
            }
        }

        return records;
    }
}
