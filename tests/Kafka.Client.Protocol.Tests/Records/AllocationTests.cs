namespace Kafka.Client.Protocol.Tests.Records;

/// <summary>The hot paths allocate nothing per record (a correctness check, not a timing).</summary>
[NonParallelizable]
public class AllocationTests
{
    private static readonly byte[] Key = "order-12345"u8.ToArray();
    private static readonly byte[] Value = TestData.Text(100);
    private static readonly RecordHeader[] Headers = [new("trace", "abc"u8.ToArray()), RecordHeader.WithNullValue("none")];

    [Test]
    public void Appending_10000_records_allocates_nothing_per_record()
    {
        using var builder = new RecordBatchBuilder(initialCapacity: 2 * 1024 * 1024);
        AppendAll(builder); // warm-up: JIT, pool
        builder.Reset();

        long before = GC.GetAllocatedBytesForCurrentThread();
        AppendAll(builder);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.LessThan(1024), $"{allocated} bytes for 10,000 appends");
    }

    [Test]
    public void Iterating_10000_uncompressed_records_allocates_nothing_per_record()
    {
        using var builder = new RecordBatchBuilder(initialCapacity: 2 * 1024 * 1024);
        AppendAll(builder);
        ReadOnlyMemory<byte> batch = builder.Complete();
        Assert.That(ReadAll(batch), Is.EqualTo(10_000L * (Key.Length + Value.Length + 2)));

        long before = GC.GetAllocatedBytesForCurrentThread();
        long total = ReadAll(batch);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(total, Is.EqualTo(10_000L * (Key.Length + Value.Length + 2)));
        Assert.That(allocated, Is.LessThan(1024), $"{allocated} bytes for reading 10,000 records");
    }

    private static void AppendAll(RecordBatchBuilder builder)
    {
        for (int i = 0; i < 10_000; i++)
        {
            builder.Append(1_700_000_000_000 + i, Key, Value, i % 10 == 0 ? Headers : default);
        }
    }

    private static long ReadAll(ReadOnlyMemory<byte> blob)
    {
        long total = 0;
        foreach (RecordBatch batch in new RecordBatchReader(blob))
        {
            foreach (Record record in batch.GetRecords())
            {
                total += record.Key.Length + record.Value.Length;
                foreach (RecordHeaderView header in record.Headers)
                {
                    total += header.KeyUtf8.Length == 5 ? 20 : 0;
                }

                total += record.IsValueNull ? 1000 : 2 - (record.HeaderCount == 2 ? 20 : 0);
            }
        }

        return total;
    }
}
