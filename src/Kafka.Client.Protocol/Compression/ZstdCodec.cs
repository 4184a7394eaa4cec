using System.Buffers;
using ZstdSharp;

namespace Kafka.Client.Protocol;

/// <summary>
/// <see cref="CompressionCodec.Zstd"/>: standard Zstandard frames without a dictionary. Reading decodes every
/// frame until the input ends.
/// </summary>
/// <remarks>Levels -131072..22 (Kafka's <c>compression.zstd.level</c>), default 3.</remarks>
internal sealed class ZstdCodec : ICompressionCodec
{
    private const int DefaultLevel = 3;
    private const int MinLevel = -131072;
    private const int MaxLevel = 22;
    private const int ChunkSize = 128 * 1024;

    // Contexts are expensive to create; each thread keeps one of each.
    [ThreadStatic]
    private static Compressor? t_compressor;

    [ThreadStatic]
    private static Decompressor? t_decompressor;

    public CompressionCodec Codec => CompressionCodec.Zstd;

    public void Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int? level = null)
    {
        int zstdLevel = level ?? DefaultLevel;
        if (zstdLevel is < MinLevel or > MaxLevel)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "zstd levels are -131072..22.");
        }

        Compressor compressor = t_compressor ??= new Compressor(zstdLevel);
        if (compressor.Level != zstdLevel)
        {
            compressor.Level = zstdLevel;
        }

        Span<byte> span = destination.GetSpan(Compressor.GetCompressBound(source.Length));
        int written = compressor.Wrap(source, span);
        destination.Advance(written);
    }

    public void Decompress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int maxLength = CompressionCodecs.DefaultMaxDecompressedLength)
    {
        CompressionErrors.CheckMaxLength(maxLength);
        if (source.IsEmpty)
        {
            CompressionErrors.Corrupt(Codec, "empty input has no zstd frame");
        }

        try
        {
            Decompressor decompressor = t_decompressor ??= new Decompressor();
            decompressor.ResetStream();
            int position = 0;
            long total = 0;
            while (true)
            {
                Span<byte> span = destination.GetSpan(ChunkSize);
                span = span[..(int)Math.Min(span.Length, maxLength - total + 1)];
                OperationStatus status = decompressor.UnwrapStream(source[position..], span, out int consumed, out int written);
                position += consumed;
                total += written;
                if (total > maxLength)
                {
                    CompressionErrors.TooLarge(Codec, maxLength);
                }

                destination.Advance(written);
                switch (status)
                {
                    case OperationStatus.Done when position == source.Length:
                        return;
                    case OperationStatus.InvalidData:
                        CompressionErrors.Corrupt(Codec, "corrupt zstd frame");
                        break;
                    case OperationStatus.NeedMoreData when consumed == 0 && written == 0:
                        CompressionErrors.Corrupt(Codec, "zstd frame is truncated");
                        break;
                }
            }
        }
        catch (Exception e) when (CompressionErrors.IsLibraryFailure(e))
        {
            t_decompressor?.Dispose(); // its state is unknown after a failure
            t_decompressor = null;
            CompressionErrors.Corrupt(Codec, "corrupt zstd frame: " + e.Message, e);
        }
    }
}
