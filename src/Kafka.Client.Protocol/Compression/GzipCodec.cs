using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Kafka.Client.Protocol;

/// <summary>
/// <see cref="CompressionCodec.Gzip"/>: one RFC 1952 gzip member, as Java's <c>GZIPOutputStream</c> writes.
/// </summary>
/// <remarks>
/// Levels 1-9, or -1/null for zlib's default (6). Reading checks the member trailer (CRC-32 and length of the
/// output) because the runtime's inflater reports a truncated stream as a clean end; so a stream of several
/// concatenated members, which no Kafka client writes, is rejected.
/// </remarks>
internal sealed class GzipCodec : ICompressionCodec
{
    private const int ChunkSize = 64 * 1024;
    private const int MinimumStreamLength = 18; // 10-byte header, empty deflate data (2), 8-byte trailer

    /// <summary>A complete gzip member with no content (the runtime writes nothing at all for empty input).</summary>
    private static ReadOnlySpan<byte> EmptyMember => [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0, 0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];

    public CompressionCodec Codec => CompressionCodec.Gzip;

    public void Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int? level = null)
    {
        int zlibLevel = level ?? -1;
        if (zlibLevel is not (-1 or (>= 1 and <= 9)))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "gzip levels are 1-9 (or -1 for the default).");
        }

        if (source.IsEmpty)
        {
            destination.Write(EmptyMember);
            return;
        }

        var options = new ZLibCompressionOptions { CompressionLevel = zlibLevel };
        using var output = new BufferWriterStream(destination);
        using var gzip = new GZipStream(output, options, leaveOpen: true);
        gzip.Write(source);
    }

    public void Decompress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int maxLength = CompressionCodecs.DefaultMaxDecompressedLength)
    {
        CompressionErrors.CheckMaxLength(maxLength);
        if (source.Length < MinimumStreamLength)
        {
            CompressionErrors.Corrupt(Codec, $"a gzip stream needs at least {MinimumStreamLength} bytes, got {source.Length}");
        }

        uint expectedCrc = BinaryPrimitives.ReadUInt32LittleEndian(source[^8..]);
        uint expectedLength = BinaryPrimitives.ReadUInt32LittleEndian(source[^4..]);

        byte[] input = ArrayPool<byte>.Shared.Rent(source.Length);
        long total = 0;
        var crc = new Crc32();
        try
        {
            source.CopyTo(input);
            using var gzip = new GZipStream(new MemoryStream(input, 0, source.Length, writable: false), CompressionMode.Decompress);
            while (true)
            {
                Span<byte> span = destination.GetSpan(ChunkSize);
                span = span[..(int)Math.Min(span.Length, maxLength - total + 1)];
                int read = gzip.Read(span);
                if (read == 0)
                {
                    break;
                }

                total += read;
                if (total > maxLength)
                {
                    CompressionErrors.TooLarge(Codec, maxLength);
                }

                crc.Append(span[..read]);
                destination.Advance(read);
            }
        }
        catch (Exception e) when (CompressionErrors.IsLibraryFailure(e))
        {
            CompressionErrors.Corrupt(Codec, "corrupt gzip stream: " + e.Message, e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
        }

        if (crc.GetCurrentHashAsUInt32() != expectedCrc || (uint)total != expectedLength)
        {
            CompressionErrors.Corrupt(Codec, "gzip stream is truncated or its trailer does not match the data");
        }
    }
}
