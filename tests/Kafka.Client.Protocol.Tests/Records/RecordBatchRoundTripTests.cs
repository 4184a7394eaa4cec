namespace Kafka.Client.Protocol.Tests.Records;

public class RecordBatchRoundTripTests
{
    private static readonly CompressionCodec[] Codecs = Enum.GetValues<CompressionCodec>();

    private static IEnumerable<TestCaseData> CodecsAndCounts()
    {
        foreach (CompressionCodec codec in Codecs)
        {
            foreach (int count in new[] { 0, 1, 10_000 })
            {
                yield return new TestCaseData(codec, count).SetName($"Batch_with_{count}_records_round_trips_with_{codec.ToString().ToLowerInvariant()}");
            }
        }
    }

    [TestCaseSource(nameof(CodecsAndCounts))]
    public void Batch_round_trips(CompressionCodec codec, int count)
    {
        List<TestRecord> records = TestRecord.Generate(count);
        using var builder = new RecordBatchBuilder(codec)
        {
            BaseOffset = 1_000_000,
            ProducerId = 4242,
            ProducerEpoch = 7,
            BaseSequence = 99,
            PartitionLeaderEpoch = 3,
            IsTransactional = true,
        };
        ReadOnlyMemory<byte> bytes = TestRecord.Build(builder, records);

        var batches = new List<RecordBatch>();
        foreach (RecordBatch b in new RecordBatchReader(bytes))
        {
            batches.Add(b);
        }

        Assert.That(batches, Has.Count.EqualTo(1));
        RecordBatch batch = batches[0];
        Assert.Multiple(() =>
        {
            Assert.That(batch.Memory.Length, Is.EqualTo(bytes.Length));
            Assert.That(batch.Magic, Is.EqualTo(2));
            Assert.That(batch.Length, Is.EqualTo(bytes.Length - 12));
            Assert.That(batch.BaseOffset, Is.EqualTo(1_000_000));
            Assert.That(batch.PartitionLeaderEpoch, Is.EqualTo(3));
            Assert.That(batch.Compression, Is.EqualTo(codec));
            Assert.That(batch.TimestampType, Is.EqualTo(RecordTimestampType.CreateTime));
            Assert.That(batch.IsTransactional, Is.True);
            Assert.That(batch.IsControl, Is.False);
            Assert.That(batch.ProducerId, Is.EqualTo(4242));
            Assert.That(batch.ProducerEpoch, Is.EqualTo(7));
            Assert.That(batch.BaseSequence, Is.EqualTo(99));
            Assert.That(batch.RecordCount, Is.EqualTo(count));
            Assert.That(batch.LastOffsetDelta, Is.EqualTo(count - 1));
            Assert.That(batch.NextOffset, Is.EqualTo(1_000_000 + count));
            Assert.That(batch.BaseTimestamp, Is.EqualTo(count == 0 ? -1 : records[0].Timestamp));
            Assert.That(batch.MaxTimestamp, Is.EqualTo(count == 0 ? -1 : records.Max(r => r.Timestamp)));
            Assert.That(batch.IsCrcValid, Is.True);
        });

        List<(long Offset, TestRecord Record)> read = TestRecord.Read(batch);
        Assert.That(read, Has.Count.EqualTo(count));
        for (int i = 0; i < count; i++)
        {
            Assert.That(read[i].Offset, Is.EqualTo(1_000_000 + i));
            Assert.That(read[i].Record.SameAs(records[i]), Is.True, $"record {i}");
        }
    }

    [TestCase(CompressionCodec.None)]
    [TestCase(CompressionCodec.Zstd)]
    public void Log_append_time_gives_every_record_the_max_timestamp(CompressionCodec codec)
    {
        using var builder = new RecordBatchBuilder(codec) { TimestampType = RecordTimestampType.LogAppendTime };
        builder.Append(100, "a"u8, "1"u8);
        builder.Append(300, "b"u8, "2"u8);
        builder.Append(200, "c"u8, "3"u8);
        RecordBatch batch = Single(builder.Complete());
        Assert.That(batch.TimestampType, Is.EqualTo(RecordTimestampType.LogAppendTime));
        foreach (Record record in batch.GetRecords())
        {
            Assert.That(record.Timestamp, Is.EqualTo(300));
            Assert.That(record.TimestampType, Is.EqualTo(RecordTimestampType.LogAppendTime));
        }
    }

    [Test]
    public void Builder_can_be_reset_and_reused()
    {
        using var builder = new RecordBatchBuilder(CompressionCodec.Lz4, initialCapacity: 64);
        TestRecord.Build(builder, TestRecord.Generate(100));
        Assert.That(() => builder.Append(1, "k"u8, "v"u8), Throws.InvalidOperationException);
        Assert.That(() => builder.Complete(), Throws.InvalidOperationException);

        builder.Reset();
        List<TestRecord> records = TestRecord.Generate(5, seed: 9);
        RecordBatch batch = Single(TestRecord.Build(builder, records));
        Assert.That(batch.RecordCount, Is.EqualTo(5));
        Assert.That(TestRecord.Read(batch).Select(r => r.Record.SameAs(records[(int)r.Offset])), Is.All.True);
    }

    [Test]
    public void Estimated_size_tracks_the_appended_records()
    {
        using var builder = new RecordBatchBuilder();
        Assert.That(builder.EstimatedSizeInBytes, Is.EqualTo(61));
        builder.Append(1, "key"u8, new byte[100]);
        int size = builder.EstimatedSizeInBytes;
        Assert.That(size, Is.InRange(61 + 100, 61 + RecordBatchBuilder.EstimateRecordSize(3, 100)));
        Assert.That(builder.Complete().Length, Is.EqualTo(size));

        using var compressed = new RecordBatchBuilder(CompressionCodec.Gzip) { EstimatedCompressionRatio = 0.5 };
        compressed.Append(1, "key"u8, new byte[1000]);
        Assert.That(compressed.EstimatedSizeInBytes, Is.LessThan(compressed.UncompressedSizeInBytes));
    }

    [Test]
    public void Several_batches_in_one_blob_are_read_in_order()
    {
        var blob = new List<byte>();
        long offset = 0;
        foreach (CompressionCodec codec in Codecs)
        {
            using var builder = new RecordBatchBuilder(codec) { BaseOffset = offset };
            blob.AddRange(TestRecord.Build(builder, TestRecord.Generate(10)).ToArray());
            offset += 10;
        }

        long expected = 0;
        foreach (RecordBatch batch in new RecordBatchReader(blob.ToArray()))
        {
            foreach (Record record in batch.GetRecords())
            {
                Assert.That(record.Offset, Is.EqualTo(expected++));
            }
        }

        Assert.That(expected, Is.EqualTo(50));
    }

    [Test]
    public void Header_rewriter_keeps_the_batch_valid()
    {
        using var builder = new RecordBatchBuilder(CompressionCodec.Snappy);
        byte[] bytes = TestRecord.Build(builder, TestRecord.Generate(3)).ToArray();
        RecordBatchRewriter.SetBaseOffset(bytes, 500);
        RecordBatchRewriter.SetPartitionLeaderEpoch(bytes, 12);
        RecordBatchRewriter.SetProducerState(bytes, 77, 2, 1000);
        RecordBatchRewriter.SetLogAppendTime(bytes, 123_456);
        RecordBatch batch = Single(bytes);
        Assert.Multiple(() =>
        {
            Assert.That(batch.IsCrcValid, Is.True);
            Assert.That(batch.BaseOffset, Is.EqualTo(500));
            Assert.That(batch.PartitionLeaderEpoch, Is.EqualTo(12));
            Assert.That((batch.ProducerId, batch.ProducerEpoch, batch.BaseSequence), Is.EqualTo((77L, (short)2, 1000)));
            Assert.That(batch.TimestampType, Is.EqualTo(RecordTimestampType.LogAppendTime));
            Assert.That(TestRecord.Read(batch).Select(r => (r.Offset, r.Record.Timestamp)), Is.EqualTo(new[] { (500L, 123_456L), (501L, 123_456L), (502L, 123_456L) }));
        });
    }

    [TestCase(0, 5, 5)]
    [TestCase(int.MaxValue - 2, 2, int.MaxValue)]
    [TestCase(int.MaxValue - 2, 3, 0)]
    [TestCase(int.MaxValue, 10, 9)]
    public void Sequence_numbers_wrap_to_zero_after_int_max(int sequence, int increment, int expected)
    {
        Assert.That(RecordBatch.IncrementSequence(sequence, increment), Is.EqualTo(expected));
    }

    [Test]
    public void Last_sequence_wraps_like_Kafka()
    {
        using var builder = new RecordBatchBuilder { ProducerId = 1, ProducerEpoch = 0, BaseSequence = int.MaxValue - 1 };
        for (int i = 0; i < 4; i++)
        {
            builder.Append(i, "k"u8, "v"u8);
        }

        Assert.That(Single(builder.Complete()).LastSequence, Is.EqualTo(1));
    }

    internal static RecordBatch Single(ReadOnlyMemory<byte> bytes, bool verifyCrc = true)
    {
        RecordBatchEnumerator enumerator = new RecordBatchReader(bytes, verifyCrc).GetEnumerator();
        Assert.That(enumerator.MoveNext(), Is.True);
        RecordBatch batch = enumerator.Current;
        Assert.That(enumerator.MoveNext(), Is.False);
        return batch;
    }
}
