namespace Kafka.Client.Protocol.Tests.Compression;

public class CompressionCodecTests
{
    private static readonly CompressionCodec[] Codecs =
        [CompressionCodec.Gzip, CompressionCodec.Snappy, CompressionCodec.Lz4, CompressionCodec.Zstd];

    private static IEnumerable<TestCaseData> CodecsAndSizes()
    {
        foreach (CompressionCodec codec in Codecs)
        {
            foreach (int size in new[] { 0, 1, 1000, 32 * 1024, 64 * 1024 + 1, 300_000 })
            {
                yield return new TestCaseData(codec, size);
            }
        }
    }

    [TestCaseSource(nameof(CodecsAndSizes))]
    public void Compressed_data_round_trips(CompressionCodec codec, int size)
    {
        byte[] data = TestData.Text(size);
        byte[] compressed = TestData.Compress(codec, data);
        Assert.That(TestData.Decompress(codec, compressed), Is.EqualTo(data));
    }

    [TestCaseSource(nameof(CodecsAndSizes))]
    public void Incompressible_data_round_trips(CompressionCodec codec, int size)
    {
        byte[] data = TestData.Random(size);
        Assert.That(TestData.Decompress(codec, TestData.Compress(codec, data)), Is.EqualTo(data));
    }

    [Test]
    public void Get_returns_the_codec_asked_for()
    {
        foreach (CompressionCodec codec in Enum.GetValues<CompressionCodec>())
        {
            Assert.That(CompressionCodecs.Get(codec).Codec, Is.EqualTo(codec));
        }

        Assert.That(() => CompressionCodecs.Get((CompressionCodec)5), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [TestCase(CompressionCodec.Gzip, 1)]
    [TestCase(CompressionCodec.Gzip, 9)]
    [TestCase(CompressionCodec.Gzip, -1)]
    [TestCase(CompressionCodec.Lz4, 1)]
    [TestCase(CompressionCodec.Lz4, 9)]
    [TestCase(CompressionCodec.Lz4, 12)]
    [TestCase(CompressionCodec.Lz4, 17)]
    [TestCase(CompressionCodec.Zstd, -5)]
    [TestCase(CompressionCodec.Zstd, 1)]
    [TestCase(CompressionCodec.Zstd, 19)]
    public void Every_level_in_range_round_trips(CompressionCodec codec, int level)
    {
        byte[] data = TestData.Text(200_000);
        Assert.That(TestData.Decompress(codec, TestData.Compress(codec, data, level)), Is.EqualTo(data));
    }

    [TestCase(CompressionCodec.Gzip, 0)]
    [TestCase(CompressionCodec.Gzip, 10)]
    [TestCase(CompressionCodec.Lz4, 0)]
    [TestCase(CompressionCodec.Lz4, 18)]
    [TestCase(CompressionCodec.Zstd, 23)]
    public void Level_out_of_range_is_an_argument_error(CompressionCodec codec, int level)
    {
        Assert.That(() => TestData.Compress(codec, [1, 2, 3], level), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [TestCaseSource(nameof(AllCodecs))]
    public void Decompression_bomb_is_stopped_at_the_limit(CompressionCodec codec)
    {
        byte[] compressed = TestData.Compress(codec, new byte[8 * 1024 * 1024]);
        Assert.That(TestData.Decompress(codec, compressed, 8 * 1024 * 1024), Has.Length.EqualTo(8 * 1024 * 1024));
        Assert.That(() => TestData.Decompress(codec, compressed, 1024 * 1024), Throws.TypeOf<KafkaProtocolException>());
        Assert.That(() => TestData.Decompress(codec, compressed, 8 * 1024 * 1024 - 1), Throws.TypeOf<KafkaProtocolException>());
    }

    [TestCaseSource(nameof(AllCodecs))]
    public void Truncated_data_is_a_protocol_error(CompressionCodec codec)
    {
        byte[] compressed = TestData.Compress(codec, TestData.Text(100_000));
        foreach (int length in new[] { 1, 5, 12, compressed.Length / 2, compressed.Length - 5, compressed.Length - 1 })
        {
            Assert.That(() => TestData.Decompress(codec, compressed.AsSpan(0, length)), Throws.TypeOf<KafkaProtocolException>(), $"cut at {length}");
        }
    }

    [TestCaseSource(nameof(AllCodecs))]
    public void Corrupt_data_gives_only_protocol_errors(CompressionCodec codec)
    {
        byte[] original = TestData.Compress(codec, TestData.Text(20_000));
        var random = new Random(42);
        for (int i = 0; i < 2000; i++)
        {
            byte[] mutated = (byte[])original.Clone();
            int flips = random.Next(1, 4);
            for (int f = 0; f < flips; f++)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            if (random.Next(4) == 0)
            {
                mutated = mutated[..random.Next(mutated.Length)];
            }

            try
            {
                TestData.Decompress(codec, mutated, 1024 * 1024);
            }
            catch (KafkaProtocolException)
            {
                // expected for most mutations
            }
        }
    }

    [TestCaseSource(nameof(AllCodecs))]
    public void Random_garbage_gives_only_protocol_errors(CompressionCodec codec)
    {
        var random = new Random(7);
        for (int i = 0; i < 2000; i++)
        {
            byte[] garbage = TestData.Random(random.Next(0, 200), seed: i);
            try
            {
                TestData.Decompress(codec, garbage, 1024 * 1024);
            }
            catch (KafkaProtocolException)
            {
                // expected for most inputs
            }
        }
    }

    private static CompressionCodec[] AllCodecs() => Codecs;
}
