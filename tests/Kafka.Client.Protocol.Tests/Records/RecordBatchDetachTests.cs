using System.Buffers;

namespace Kafka.Client.Protocol.Tests.Records;

/// <summary>A completed batch's buffer handed to the caller (the producer's batches take it instead of a copy).</summary>
public class RecordBatchDetachTests
{
    [TestCase(CompressionCodec.None)]
    [TestCase(CompressionCodec.Lz4)]
    [TestCase(CompressionCodec.Zstd)]
    public void The_detached_buffer_holds_the_completed_batch_and_the_builder_goes_on_with_another(CompressionCodec codec)
    {
        using var builder = new RecordBatchBuilder(codec);
        List<TestRecord> first = TestRecord.Generate(500, seed: 1);
        byte[] completed = TestRecord.Build(builder, first).ToArray();
        byte[] detached = builder.DetachCompleted(out int length);
        try
        {
            Assert.That(detached.AsSpan(0, length).ToArray(), Is.EqualTo(completed));

            builder.Reset();
            List<TestRecord> second = TestRecord.Generate(300, seed: 2);
            ReadOnlyMemory<byte> next = TestRecord.Build(builder, second);
            Assert.That(detached.AsSpan(0, length).ToArray(), Is.EqualTo(completed), "the next batch does not write into the detached buffer");

            RecordBatch read = Single(next);
            Assert.That(read.IsCrcValid, Is.True);
            Assert.That(TestRecord.Read(read).Select(r => r.Record.SameAs(second[(int)r.Offset])).ToArray(), Has.Length.EqualTo(300).And.All.True);
            Assert.That(TestRecord.Read(Single(detached.AsMemory(0, length))).Select(r => r.Record.SameAs(first[(int)r.Offset])).ToArray(), Has.Length.EqualTo(500).And.All.True);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(detached);
        }
    }

    [Test]
    public void Only_a_completed_batch_is_detached_and_only_once()
    {
        using var builder = new RecordBatchBuilder();
        Assert.Throws<InvalidOperationException>(() => builder.DetachCompleted(out _), "not completed");
        TestRecord.Build(builder, TestRecord.Generate(3));
        ArrayPool<byte>.Shared.Return(builder.DetachCompleted(out _));
        Assert.Throws<InvalidOperationException>(() => builder.DetachCompleted(out _), "already handed over");
    }

    private static RecordBatch Single(ReadOnlyMemory<byte> bytes)
    {
        var batches = new List<RecordBatch>();
        foreach (RecordBatch batch in new RecordBatchReader(bytes))
        {
            batches.Add(batch);
        }

        Assert.That(batches, Has.Count.EqualTo(1));
        return batches[0];
    }
}
