using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using K4os.Compression.LZ4;
using K4os.Compression.LZ4.Streams;
using Snappier;
using ZstdSharp;

namespace Kafka.Client.Protocol.Tests.Compression;

/// <summary>Our codecs against independent implementations, in both directions.</summary>
public class CompressionInteropTests
{
    private static readonly int[] Sizes = [0, 1, 1000, 32 * 1024, 100_000, 300_000];

    [TestCaseSource(nameof(Sizes))]
    public void Our_gzip_is_read_by_GZipStream(int size)
    {
        byte[] data = TestData.Text(size);
        using var input = new GZipStream(new MemoryStream(TestData.Compress(CompressionCodec.Gzip, data)), CompressionMode.Decompress);
        var output = new MemoryStream();
        input.CopyTo(output);
        Assert.That(output.ToArray(), Is.EqualTo(data));
    }

    [TestCaseSource(nameof(Sizes))]
    public void GZipStream_output_is_read_by_our_gzip(int size)
    {
        byte[] data = TestData.Text(size);
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(data);
            gzip.WriteByte(0); // forces a member even for empty data
        }

        Assert.That(TestData.Decompress(CompressionCodec.Gzip, compressed.ToArray()), Is.EqualTo([.. data, (byte)0]));
    }

    [Test]
    public void Our_snappy_starts_with_the_xerial_header()
    {
        byte[] compressed = TestData.Compress(CompressionCodec.Snappy, TestData.Text(10));
        byte[] header = [0x82, 0x53, 0x4E, 0x41, 0x50, 0x50, 0x59, 0x00, 0, 0, 0, 1, 0, 0, 0, 1];
        Assert.That(compressed[..16], Is.EqualTo(header));
        Assert.That(TestData.Compress(CompressionCodec.Snappy, []), Is.EqualTo(header));
    }

    [TestCaseSource(nameof(Sizes))]
    public void Our_snappy_blocks_are_raw_snappy_of_at_most_32_KiB(int size)
    {
        byte[] data = TestData.Text(size);
        byte[] compressed = TestData.Compress(CompressionCodec.Snappy, data);
        var output = new List<byte>();
        int position = 16;
        while (position < compressed.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(compressed.AsSpan(position));
            byte[] block = Snappy.DecompressToArray(compressed.AsSpan(position + 4, length));
            Assert.That(block, Has.Length.InRange(1, 32 * 1024));
            output.AddRange(block);
            position += 4 + length;
        }

        Assert.That(position, Is.EqualTo(compressed.Length));
        Assert.That(output.ToArray(), Is.EqualTo(data));
    }

    [TestCaseSource(nameof(Sizes))]
    public void Xerial_framed_snappy_from_the_library_is_read(int size)
    {
        byte[] data = TestData.Text(size);
        Assert.That(TestData.Decompress(CompressionCodec.Snappy, Xerial(data, 32 * 1024)), Is.EqualTo(data));
    }

    [Test]
    public void Xerial_header_repeated_mid_stream_is_accepted()
    {
        byte[] first = TestData.Text(50_000, seed: 1);
        byte[] second = TestData.Text(70_000, seed: 2);
        byte[] concatenated = [.. Xerial(first, 8 * 1024), .. Xerial(second, 32 * 1024)];
        Assert.That(TestData.Decompress(CompressionCodec.Snappy, concatenated), Is.EqualTo([.. first, .. second]));
    }

    [TestCase(1)]
    [TestCase(1000)]
    [TestCase(300_000)]
    public void Raw_snappy_without_the_xerial_header_is_accepted(int size)
    {
        byte[] data = TestData.Text(size);
        Assert.That(TestData.Decompress(CompressionCodec.Snappy, Snappy.CompressToArray(data)), Is.EqualTo(data));
    }

    [Test]
    public void Our_lz4_frame_header_is_Kafkas()
    {
        byte[] compressed = TestData.Compress(CompressionCodec.Lz4, TestData.Text(100));
        // Magic 0x184D2204 little-endian, FLG 0x60, BD 0x40, HC = (xxHash32(60 40) >> 8) & 0xFF = 0x82.
        Assert.That(compressed[..7], Is.EqualTo(new byte[] { 0x04, 0x22, 0x4D, 0x18, 0x60, 0x40, 0x82 }));
        Assert.That((byte)(XxHash32.HashToUInt32([0x60, 0x40]) >> 8), Is.EqualTo(0x82));
        Assert.That(compressed[^4..], Is.EqualTo(new byte[4]), "end mark");
    }

    [Test]
    public void Our_lz4_stores_blocks_that_do_not_compress()
    {
        byte[] data = TestData.Random(100_000);
        byte[] compressed = TestData.Compress(CompressionCodec.Lz4, data);
        uint first = BinaryPrimitives.ReadUInt32LittleEndian(compressed.AsSpan(7));
        Assert.That(first, Is.EqualTo(0x80000000u | 65536));
        Assert.That(compressed.AsSpan(11, 65536).ToArray(), Is.EqualTo(data[..65536]));
        uint second = BinaryPrimitives.ReadUInt32LittleEndian(compressed.AsSpan(11 + 65536));
        Assert.That(second, Is.EqualTo(0x80000000u | (100_000 - 65536)));
    }

    [TestCaseSource(nameof(Sizes))]
    public void Our_lz4_is_read_by_LZ4Stream(int size)
    {
        byte[] data = TestData.Text(size);
        using var input = LZ4Stream.Decode(new MemoryStream(TestData.Compress(CompressionCodec.Lz4, data)));
        var output = new MemoryStream();
        input.CopyTo(output);
        Assert.That(output.ToArray(), Is.EqualTo(data));
    }

    private static IEnumerable<TestCaseData> Lz4FrameSettings()
    {
        foreach (int size in new[] { 0, 1000, 300_000 })
        {
            yield return new TestCaseData(size, false, false, false, false, 64 * 1024);
            yield return new TestCaseData(size, true, false, false, false, 64 * 1024).SetName($"Linked blocks, {size} bytes");
            yield return new TestCaseData(size, false, true, true, true, 256 * 1024).SetName($"Checksums and content size, {size} bytes");
            yield return new TestCaseData(size, true, true, true, true, 4 * 1024 * 1024).SetName($"Everything, 4 MiB blocks, {size} bytes");
        }
    }

    [TestCaseSource(nameof(Lz4FrameSettings))]
    public void LZ4Stream_frames_are_read_by_our_lz4(int size, bool chain, bool blockChecksum, bool contentChecksum, bool contentSize, int blockSize)
    {
        byte[] data = TestData.Text(size);
        var settings = new LZ4EncoderSettings
        {
            ChainBlocks = chain,
            BlockChecksum = blockChecksum,
            ContentChecksum = contentChecksum,
            BlockSize = blockSize,
            CompressionLevel = LZ4Level.L00_FAST,
        };
        var compressed = new MemoryStream();
        using (var output = LZ4Stream.Encode(compressed, settings, leaveOpen: true))
        {
            output.Write(data);
        }

        byte[] frame = compressed.ToArray();
        if (contentSize)
        {
            frame = WithContentSize(frame, data.Length);
        }

        Assert.That(TestData.Decompress(CompressionCodec.Lz4, frame), Is.EqualTo(data));
        if (contentSize && data.Length > 0)
        {
            Assert.That(() => TestData.Decompress(CompressionCodec.Lz4, WithContentSize(compressed.ToArray(), data.Length + 1)), Throws.TypeOf<KafkaProtocolException>());
        }
    }

    [Test]
    public void Lz4_frame_with_a_wrong_header_checksum_is_rejected_unless_legacy()
    {
        byte[] data = TestData.Text(1000);
        byte[] compressed = TestData.Compress(CompressionCodec.Lz4, data);
        compressed[6] ^= 0xFF;
        Assert.That(() => TestData.Decompress(CompressionCodec.Lz4, compressed), Throws.TypeOf<KafkaProtocolException>().With.Property("Field").EqualTo("HC"));

        using var writer = new PooledBufferWriter();
        Lz4FrameDecoder.Decode(compressed, writer, 1 << 20, verifyHeaderChecksum: false);
        Assert.That(writer.WrittenSpan.ToArray(), Is.EqualTo(data));
    }

    [TestCaseSource(nameof(Sizes))]
    public void Our_zstd_is_read_by_ZstdSharp(int size)
    {
        byte[] data = TestData.Text(size);
        using var decompressor = new Decompressor();
        Assert.That(decompressor.Unwrap(TestData.Compress(CompressionCodec.Zstd, data)).ToArray(), Is.EqualTo(data));
    }

    [TestCaseSource(nameof(Sizes))]
    public void ZstdSharp_frames_are_read_by_our_zstd(int size)
    {
        byte[] data = TestData.Text(size);
        using var compressor = new Compressor(7);
        Assert.That(TestData.Decompress(CompressionCodec.Zstd, compressor.Wrap(data).ToArray()), Is.EqualTo(data));
    }

    [Test]
    public void Several_zstd_frames_are_all_decoded()
    {
        byte[] first = TestData.Text(100_000, seed: 1);
        byte[] second = TestData.Text(200_000, seed: 2);
        using var compressor = new Compressor(1);
        byte[] frames = [.. compressor.Wrap(first), .. compressor.Wrap(second)];
        Assert.That(TestData.Decompress(CompressionCodec.Zstd, frames), Is.EqualTo([.. first, .. second]));
    }

    /// <summary>Sets the content-size flag of an LZ4 frame (LZ4Stream cannot write one) and fixes HC.</summary>
    private static byte[] WithContentSize(byte[] frame, long contentSize)
    {
        var size = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(size, contentSize);
        byte[] patched = [.. frame[..6], .. size, 0, .. frame[7..]];
        patched[4] |= 0x08;
        patched[14] = (byte)(XxHash32.HashToUInt32(patched.AsSpan(4, 10)) >> 8);
        return patched;
    }

    /// <summary>xerial framing built by hand around the library's raw snappy blocks.</summary>
    private static byte[] Xerial(byte[] data, int blockSize)
    {
        var output = new List<byte> { 0x82, 0x53, 0x4E, 0x41, 0x50, 0x50, 0x59, 0x00, 0, 0, 0, 1, 0, 0, 0, 1 };
        for (int position = 0; position < data.Length; position += blockSize)
        {
            byte[] block = Snappy.CompressToArray(data.AsSpan(position, Math.Min(blockSize, data.Length - position)));
            var length = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, block.Length);
            output.AddRange(length);
            output.AddRange(block);
        }

        return [.. output];
    }
}
