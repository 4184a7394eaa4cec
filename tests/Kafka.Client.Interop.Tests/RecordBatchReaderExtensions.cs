using Kafka.Client.Protocol;

namespace Interop.Tests;

internal static class RecordBatchReaderExtensions
{
    /// <summary>The compression codec of every batch.</summary>
    public static List<CompressionCodec> ToCodecs(this RecordBatchReader reader)
    {
        var codecs = new List<CompressionCodec>();
        foreach (RecordBatch batch in reader)
        {
            codecs.Add(batch.Compression);
        }

        return codecs;
    }
}
