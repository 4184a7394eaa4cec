using System.Buffers;
using System.Buffers.Binary;
using Snappier;

namespace Kafka.Client.Protocol;

/// <summary>
/// <see cref="CompressionCodec.Snappy"/> in xerial snappy-java framing: a 16-byte header (magic, version 1,
/// compatible version 1) then blocks of int32 big-endian length + one raw snappy block of at most 32 KiB input.
/// </summary>
/// <remarks>
/// Reading accepts the header again between blocks (concatenated streams) and, when the payload does not start
/// with the header, decodes it all as one raw snappy block, as snappy-java does.
/// </remarks>
internal sealed class SnappyCodec : ICompressionCodec
{
    /// <summary>The xerial header: magic <c>82 53 4E 41 50 50 59 00</c>, version 1, minimum compatible version 1.</summary>
    internal static ReadOnlySpan<byte> Header => [0x82, 0x53, 0x4E, 0x41, 0x50, 0x50, 0x59, 0x00, 0, 0, 0, 1, 0, 0, 0, 1];

    internal const int BlockSize = 32 * 1024;

    private static ReadOnlySpan<byte> Magic => Header[..8];

    public CompressionCodec Codec => CompressionCodec.Snappy;

    public void Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int? level = null)
    {
        destination.Write(Header);
        while (!source.IsEmpty)
        {
            ReadOnlySpan<byte> block = source[..Math.Min(BlockSize, source.Length)];
            source = source[block.Length..];
            Span<byte> span = destination.GetSpan(4 + Snappy.GetMaxCompressedLength(block.Length));
            int written = Snappy.Compress(block, span[4..]);
            BinaryPrimitives.WriteInt32BigEndian(span, written);
            destination.Advance(4 + written);
        }
    }

    public void Decompress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int maxLength = CompressionCodecs.DefaultMaxDecompressedLength)
    {
        CompressionErrors.CheckMaxLength(maxLength);
        if (source.IsEmpty)
        {
            return;
        }

        if (source.Length < Header.Length || !source.StartsWith(Magic))
        {
            DecompressBlock(source, destination, maxLength, maxLength);
            return;
        }

        int left = maxLength;
        int position = 0;
        while (position < source.Length)
        {
            ReadOnlySpan<byte> rest = source[position..];
            if (rest.Length >= Header.Length && rest.StartsWith(Magic))
            {
                position += Header.Length;
                continue;
            }

            if (rest.Length < 4)
            {
                CompressionErrors.Corrupt(Codec, "BlockLength", $"{rest.Length} trailing bytes cannot hold a block length");
            }

            int length = BinaryPrimitives.ReadInt32BigEndian(rest);
            if (length < 0 || length > rest.Length - 4)
            {
                CompressionErrors.Corrupt(Codec, "BlockLength", $"block length {length} does not fit the {rest.Length - 4} bytes left");
            }

            left -= DecompressBlock(rest.Slice(4, length), destination, left, maxLength);
            position += 4 + length;
        }
    }

    /// <summary>Decompresses one raw snappy block; returns the bytes produced.</summary>
    private int DecompressBlock(ReadOnlySpan<byte> block, IBufferWriter<byte> destination, int left, int maxLength)
    {
        try
        {
            int length = Snappy.GetUncompressedLength(block);
            if (length < 0)
            {
                CompressionErrors.Corrupt(Codec, $"invalid uncompressed length {length}");
            }

            if (length > left)
            {
                CompressionErrors.TooLarge(Codec, maxLength);
            }

            Span<byte> span = destination.GetSpan(length)[..length];
            int written = Snappy.Decompress(block, span);
            if (written != length)
            {
                CompressionErrors.Corrupt(Codec, $"block produced {written} bytes instead of {length}");
            }

            destination.Advance(length);
            return length;
        }
        catch (Exception e) when (CompressionErrors.IsLibraryFailure(e))
        {
            CompressionErrors.Corrupt(Codec, "corrupt snappy block: " + e.Message, e);
            return 0;
        }
    }
}
