using System.Buffers.Binary;

namespace Kafka.Client.Protocol.Tests.Records;

/// <summary>The reader never trusts the bytes: bad input gives a KafkaProtocolException, a partial tail is skipped.</summary>
public class RecordBatchReaderTests
{
    [TestCase(CompressionCodec.None)]
    [TestCase(CompressionCodec.Lz4)]
    public void Crc_corruption_is_detected(CompressionCodec codec)
    {
        byte[] batch = Build(codec, 20);
        batch[^3] ^= 0x40;
        Assert.That(() => Count(batch), Throws.TypeOf<KafkaProtocolException>()
            .With.Property("Field").EqualTo("Crc").And.Property("MessageName").EqualTo("RecordBatch"));
        Assert.That(RecordBatchRoundTripTests.Single(batch, verifyCrc: false).IsCrcValid, Is.False);
    }

    [Test]
    public void Truncated_trailing_batch_is_ignored()
    {
        byte[] first = Build(CompressionCodec.None, 5);
        byte[] second = Build(CompressionCodec.Snappy, 5, baseOffset: 5);
        foreach (int cut in new[] { 1, 11, 12, 16, 17, 60, 61, second.Length - 1 })
        {
            byte[] blob = [.. first, .. second[..cut]];
            RecordBatchEnumerator enumerator = new RecordBatchReader(blob).GetEnumerator();
            Assert.That(enumerator.MoveNext(), Is.True);
            Assert.That(enumerator.Current.BaseOffset, Is.EqualTo(0));
            Assert.That(enumerator.MoveNext(), Is.False, $"cut at {cut}");
            Assert.That(enumerator.BytesConsumed, Is.EqualTo(first.Length));
            Assert.That(enumerator.TruncatedBytes, Is.EqualTo(cut));
        }

        Assert.That(Count([.. first, .. second]), Is.EqualTo(10));
        Assert.That(Count([]), Is.Zero);
    }

    [Test]
    public void Impossible_length_or_unknown_magic_is_a_protocol_error()
    {
        byte[] batch = Build(CompressionCodec.None, 3);
        byte[] tooShort = (byte[])batch.Clone();
        BinaryPrimitives.WriteInt32BigEndian(tooShort.AsSpan(8), 13);
        Assert.That(() => Count(tooShort), Throws.TypeOf<KafkaProtocolException>().With.Property("Field").EqualTo("Length"));

        byte[] belowHeader = (byte[])batch.Clone();
        BinaryPrimitives.WriteInt32BigEndian(belowHeader.AsSpan(8), 40);
        Assert.That(() => Count(belowHeader), Throws.TypeOf<KafkaProtocolException>().With.Property("Field").EqualTo("Length"));

        byte[] magic3 = (byte[])batch.Clone();
        magic3[16] = 3;
        Assert.That(() => Count(magic3), Throws.TypeOf<KafkaProtocolException>().With.Property("Field").EqualTo("Magic"));
    }

    [TestCase(CompressionCodec.None, 4)]
    [TestCase(CompressionCodec.None, 2)]
    [TestCase(CompressionCodec.None, -1)]
    [TestCase(CompressionCodec.None, int.MaxValue)]
    [TestCase(CompressionCodec.Zstd, 4)]
    [TestCase(CompressionCodec.Zstd, 2)]
    [TestCase(CompressionCodec.Zstd, 1_000_000)]
    public void Record_count_that_does_not_match_the_records_is_a_protocol_error(CompressionCodec codec, int declared)
    {
        byte[] batch = Build(codec, 3);
        BinaryPrimitives.WriteInt32BigEndian(batch.AsSpan(57), declared);
        Assert.That(() => Count(batch, verifyCrc: false), Throws.TypeOf<KafkaProtocolException>().With.Property("Field").StartsWith("Record"));
    }

    [Test]
    public void Unknown_compression_codec_is_a_protocol_error()
    {
        byte[] batch = Build(CompressionCodec.None, 3);
        batch[22] = 5;
        Assert.That(() => Count(batch, verifyCrc: false), Throws.TypeOf<KafkaProtocolException>().With.Property("Field").EqualTo("Attributes"));
    }

    [Test]
    public void Decompression_limit_applies_to_batches()
    {
        using var builder = new RecordBatchBuilder(CompressionCodec.Zstd);
        builder.Append(0, default, true, new byte[2_000_000], false);
        RecordBatch batch = RecordBatchRoundTripTests.Single(builder.Complete());
        Assert.That(() =>
        {
            using RecordEnumerator records = batch.GetRecords(maxDecompressedLength: 1_000_000);
        }, Throws.TypeOf<KafkaProtocolException>());
        using RecordEnumerator enough = batch.GetRecords(maxDecompressedLength: 3_000_000);
    }

    [Test]
    public void Twenty_thousand_mutated_batches_give_only_protocol_errors()
    {
        var random = new Random(20_000);
        CompressionCodec[] codecs = Enum.GetValues<CompressionCodec>();
        byte[][] originals = [.. codecs.Select(c => Build(c, 12))];
        byte[] legacy = LegacyMessageSetTests.Message(4, 1, (byte)CompressionCodec.Gzip, 1, null,
            TestData.Compress(CompressionCodec.Gzip, [.. LegacyMessageSetTests.Message(0, 1, 0, 1, "a"u8.ToArray(), "b"u8.ToArray()), .. LegacyMessageSetTests.Message(1, 1, 0, 1, null, [])]));
        originals = [.. originals, legacy];
        int protocolErrors = 0;
        for (int i = 0; i < 20_000; i++)
        {
            byte[] mutated = (byte[])originals[i % originals.Length].Clone();
            int flips = random.Next(1, 5);
            for (int f = 0; f < flips; f++)
            {
                // Mostly the header and record fields (where lengths live), sometimes anywhere.
                int position = random.Next(2) == 0 ? random.Next(Math.Min(mutated.Length, 80)) : random.Next(mutated.Length);
                mutated[position] = random.Next(3) == 0 ? (byte)random.Next(256) : (byte)(mutated[position] ^ (1 << random.Next(8)));
            }

            if (random.Next(10) == 0)
            {
                mutated = mutated[..random.Next(mutated.Length)];
            }

            try
            {
                Count(mutated, verifyCrc: random.Next(4) == 0, maxDecompressedLength: 1 << 20);
            }
            catch (KafkaProtocolException)
            {
                protocolErrors++;
            }
        }

        Assert.That(protocolErrors, Is.GreaterThan(1000), "the mutations should mostly be caught");
    }

    [Test]
    public void Random_garbage_gives_only_protocol_errors()
    {
        var random = new Random(99);
        for (int i = 0; i < 5000; i++)
        {
            byte[] garbage = TestData.Random(random.Next(0, 300), seed: i);
            if (garbage.Length > 17 && random.Next(2) == 0)
            {
                BinaryPrimitives.WriteInt32BigEndian(garbage.AsSpan(8), garbage.Length - 12);
                garbage[16] = (byte)random.Next(3);
            }

            try
            {
                Count(garbage, verifyCrc: false, maxDecompressedLength: 1 << 20);
            }
            catch (KafkaProtocolException)
            {
                // expected
            }
        }
    }

    internal static byte[] Build(CompressionCodec codec, int count, long baseOffset = 0)
    {
        using var builder = new RecordBatchBuilder(codec) { BaseOffset = baseOffset };
        return TestRecord.Build(builder, TestRecord.Generate(count)).ToArray();
    }

    /// <summary>Reads everything (headers included) and returns the number of records.</summary>
    private static int Count(byte[] blob, bool verifyCrc = true, int maxDecompressedLength = CompressionCodecs.DefaultMaxDecompressedLength)
    {
        int count = 0;
        foreach (RecordBatch batch in new RecordBatchReader(blob, verifyCrc))
        {
            _ = (batch.BaseOffset, batch.LastOffset, batch.MaxTimestamp, batch.ProducerId, batch.RecordCount, batch.TimestampType);
            foreach (Record record in batch.GetRecords(maxDecompressedLength))
            {
                count++;
                foreach (RecordHeaderView header in record.Headers)
                {
                    _ = header.KeyUtf8.Length + header.Value.Length;
                }
            }
        }

        return count;
    }
}
