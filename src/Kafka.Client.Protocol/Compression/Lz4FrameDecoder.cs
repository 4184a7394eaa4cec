using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using K4os.Compression.LZ4;

namespace Kafka.Client.Protocol;

/// <summary>
/// Reads LZ4 frames (one or more, skippable frames skipped): content size, block and content checksums,
/// linked or independent blocks, block sizes up to 4 MiB.
/// </summary>
internal static class Lz4FrameDecoder
{
    private const CompressionCodec Codec = CompressionCodec.Lz4;
    private const int WindowSize = 64 * 1024;

    /// <summary>Decodes all frames of <paramref name="source"/>.</summary>
    /// <param name="source">The frames.</param>
    /// <param name="destination">Receives the content.</param>
    /// <param name="maxLength">Most bytes to produce.</param>
    /// <param name="verifyHeaderChecksum">False for magic 0 messages, whose HC Kafka computes wrongly (KAFKA-3160).</param>
    public static void Decode(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int maxLength, bool verifyHeaderChecksum)
    {
        CompressionErrors.CheckMaxLength(maxLength);
        if (source.IsEmpty)
        {
            CompressionErrors.Corrupt(Codec, "empty input has no LZ4 frame");
        }

        long total = 0;
        byte[]? window = null;
        try
        {
            int position = 0;
            while (position < source.Length)
            {
                position += DecodeFrame(source[position..], destination, maxLength, ref total, ref window, verifyHeaderChecksum);
            }
        }
        catch (Exception e) when (CompressionErrors.IsLibraryFailure(e))
        {
            CompressionErrors.Corrupt(Codec, "corrupt lz4 block: " + e.Message, e);
        }
        finally
        {
            if (window is not null)
            {
                ArrayPool<byte>.Shared.Return(window);
            }
        }
    }

    /// <summary>Decodes one frame; returns the bytes of <paramref name="source"/> it took.</summary>
    private static int DecodeFrame(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int maxLength, ref long total, ref byte[]? window, bool verifyHeaderChecksum)
    {
        var input = new Lz4Input(source);
        uint magic = input.ReadUInt32("Magic");
        if ((magic & 0xFFFFFFF0) == 0x184D2A50)
        {
            int skip = input.ReadLength("SkippableFrameSize");
            input.Take(skip, "SkippableFrame");
            return input.Position;
        }

        if (magic != Lz4Codec.FrameMagic)
        {
            CompressionErrors.Corrupt(Codec, "Magic", $"0x{magic:X8} is not the LZ4 frame magic");
        }

        int descriptorStart = input.Position;
        byte flg = input.Take(1, "FLG")[0];
        byte bd = input.Take(1, "BD")[0];
        if (flg >> 6 != 1 || (flg & 0x02) != 0)
        {
            CompressionErrors.Corrupt(Codec, "FLG", $"unsupported version or reserved bits in 0x{flg:X2}");
        }

        if ((flg & 0x01) != 0)
        {
            CompressionErrors.Corrupt(Codec, "FLG", "frames that need a dictionary are not supported");
        }

        int blockSizeId = (bd >> 4) & 0x07;
        if ((bd & 0x8F) != 0 || blockSizeId < 4)
        {
            CompressionErrors.Corrupt(Codec, "BD", $"invalid block descriptor 0x{bd:X2}");
        }

        bool independent = (flg & 0x20) != 0;
        bool blockChecksum = (flg & 0x10) != 0;
        bool hasContentSize = (flg & 0x08) != 0;
        bool contentChecksum = (flg & 0x04) != 0;
        int maxBlockSize = 1 << (8 + 2 * blockSizeId);
        ulong contentSize = hasContentSize ? input.ReadUInt64("ContentSize") : 0;
        ReadOnlySpan<byte> descriptor = source[descriptorStart..input.Position];
        byte hc = input.Take(1, "HC")[0];
        if (verifyHeaderChecksum && hc != Lz4Codec.HeaderChecksum(descriptor))
        {
            CompressionErrors.Corrupt(Codec, "HC", "frame header checksum does not match");
        }

        if (hasContentSize && contentSize > (ulong)(maxLength - total))
        {
            CompressionErrors.TooLarge(Codec, maxLength);
        }

        XxHash32? contentHash = contentChecksum ? new XxHash32() : null;
        int windowLength = 0;
        long frameStart = total;
        while (true)
        {
            uint blockHeader = input.ReadUInt32("BlockSize");
            if (blockHeader == 0)
            {
                break;
            }

            bool stored = (blockHeader & Lz4Codec.UncompressedBlockFlag) != 0;
            int length = (int)(blockHeader & ~Lz4Codec.UncompressedBlockFlag);
            if (length > maxBlockSize)
            {
                CompressionErrors.Corrupt(Codec, "BlockSize", $"block of {length} bytes exceeds the frame's {maxBlockSize}");
            }

            ReadOnlySpan<byte> block = input.Take(length, "Block");
            if (blockChecksum && input.ReadUInt32("BlockChecksum") != XxHash32.HashToUInt32(block))
            {
                CompressionErrors.Corrupt(Codec, "BlockChecksum", "block checksum does not match");
            }

            int room = (int)Math.Min(maxBlockSize, maxLength - total);
            Span<byte> target = destination.GetSpan(Math.Max(room, 1))[..room];
            int written;
            if (stored)
            {
                if (length > room)
                {
                    CompressionErrors.TooLarge(Codec, maxLength);
                }

                block.CopyTo(target);
                written = length;
            }
            else
            {
                written = independent || windowLength == 0
                    ? LZ4Codec.Decode(block, target)
                    : LZ4Codec.Decode(block, target, window.AsSpan(0, windowLength));
                if (written < 0)
                {
                    if (room < maxBlockSize)
                    {
                        CompressionErrors.Corrupt(Codec, $"block is corrupt or decompresses past the limit of {maxLength} bytes");
                    }

                    CompressionErrors.Corrupt(Codec, "Block", "corrupt compressed block");
                }
            }

            ReadOnlySpan<byte> output = target[..written];
            contentHash?.Append(output);
            if (!independent)
            {
                window ??= ArrayPool<byte>.Shared.Rent(WindowSize);
                windowLength = Slide(window, windowLength, output);
            }

            destination.Advance(written);
            total += written;
        }

        if (contentChecksum && input.ReadUInt32("ContentChecksum") != contentHash!.GetCurrentHashAsUInt32())
        {
            CompressionErrors.Corrupt(Codec, "ContentChecksum", "content checksum does not match");
        }

        if (hasContentSize && (ulong)(total - frameStart) != contentSize)
        {
            CompressionErrors.Corrupt(Codec, "ContentSize", $"frame declared {contentSize} bytes but held {total - frameStart}");
        }

        return input.Position;
    }

    /// <summary>Keeps the last 64 KiB of output, the dictionary of a linked block.</summary>
    private static int Slide(byte[] window, int windowLength, ReadOnlySpan<byte> output)
    {
        if (output.Length >= WindowSize)
        {
            output[^WindowSize..].CopyTo(window);
            return WindowSize;
        }

        int keep = Math.Min(windowLength, WindowSize - output.Length);
        window.AsSpan(windowLength - keep, keep).CopyTo(window);
        output.CopyTo(window.AsSpan(keep));
        return keep + output.Length;
    }

    /// <summary>Bounds-checked little-endian reads over the frame.</summary>
    private ref struct Lz4Input(ReadOnlySpan<byte> source)
    {
        private readonly ReadOnlySpan<byte> _source = source;

        public int Position { get; private set; }

        public ReadOnlySpan<byte> Take(int length, string field)
        {
            if ((uint)length > (uint)(_source.Length - Position))
            {
                CompressionErrors.Corrupt(Codec, field, $"needs {length} bytes but only {_source.Length - Position} are left (truncated frame)");
            }

            ReadOnlySpan<byte> slice = _source.Slice(Position, length);
            Position += length;
            return slice;
        }

        public uint ReadUInt32(string field) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, field));

        public ulong ReadUInt64(string field) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, field));

        public int ReadLength(string field)
        {
            uint value = ReadUInt32(field);
            if (value > int.MaxValue)
            {
                CompressionErrors.Corrupt(Codec, field, $"length {value} is too large");
            }

            return (int)value;
        }
    }
}
