using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using K4os.Compression.LZ4;

namespace Kafka.Client.Protocol;

/// <summary>
/// <see cref="CompressionCodec.Lz4"/>: one LZ4 frame as Kafka's <c>Lz4BlockOutputStream</c> writes it
/// (FLG 0x60: version 1, independent blocks, no checksums or content size; BD 0x40: 64 KiB blocks).
/// </summary>
/// <remarks>
/// Levels 1-17 (Kafka's <c>compression.lz4.level</c>), default 9 which, as in Kafka, uses the fast compressor;
/// other levels use LZ4 HC, clamped to the 3-12 range the HC implementation has.
/// </remarks>
internal sealed class Lz4Codec : ICompressionCodec
{
    internal const uint FrameMagic = 0x184D2204;
    internal const byte Flg = 0x60;
    internal const byte Bd = 0x40;
    internal const int BlockSize = 64 * 1024;
    internal const uint UncompressedBlockFlag = 0x80000000;
    private const int DefaultLevel = 9;

    public CompressionCodec Codec => CompressionCodec.Lz4;

    /// <summary>The header checksum byte of a frame descriptor (FLG through BD or content size).</summary>
    internal static byte HeaderChecksum(ReadOnlySpan<byte> descriptor) => (byte)(XxHash32.HashToUInt32(descriptor) >> 8);

    public void Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int? level = null)
    {
        LZ4Level lz4Level = MapLevel(level ?? DefaultLevel);

        Span<byte> header = destination.GetSpan(7);
        BinaryPrimitives.WriteUInt32LittleEndian(header, FrameMagic);
        header[4] = Flg;
        header[5] = Bd;
        header[6] = HeaderChecksum(header.Slice(4, 2));
        destination.Advance(7);

        while (!source.IsEmpty)
        {
            ReadOnlySpan<byte> block = source[..Math.Min(BlockSize, source.Length)];
            source = source[block.Length..];
            Span<byte> span = destination.GetSpan(4 + Math.Max(block.Length, LZ4Codec.MaximumOutputSize(block.Length)));
            int written = LZ4Codec.Encode(block, span[4..], lz4Level);
            if (written > 0 && written < block.Length)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)written);
            }
            else
            {
                block.CopyTo(span[4..]);
                written = block.Length;
                BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)written | UncompressedBlockFlag);
            }

            destination.Advance(4 + written);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(destination.GetSpan(4), 0);
        destination.Advance(4);
    }

    public void Decompress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int maxLength = CompressionCodecs.DefaultMaxDecompressedLength) =>
        Lz4FrameDecoder.Decode(source, destination, maxLength, verifyHeaderChecksum: true);

    private static LZ4Level MapLevel(int level)
    {
        if (level is < 1 or > 17)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "lz4 levels are 1-17.");
        }

        return level == DefaultLevel ? LZ4Level.L00_FAST : (LZ4Level)Math.Clamp(level, (int)LZ4Level.L03_HC, (int)LZ4Level.L12_MAX);
    }
}
