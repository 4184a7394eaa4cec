using System.Buffers;

namespace Kafka.Client.Protocol;

/// <summary><see cref="CompressionCodec.None"/>: copies bytes unchanged.</summary>
internal sealed class NoCompressionCodec : ICompressionCodec
{
    public CompressionCodec Codec => CompressionCodec.None;

    public void Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int? level = null) =>
        destination.Write(source);

    public void Decompress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int maxLength = CompressionCodecs.DefaultMaxDecompressedLength)
    {
        CompressionErrors.CheckMaxLength(maxLength);
        if (source.Length > maxLength)
        {
            CompressionErrors.TooLarge(CompressionCodec.None, maxLength);
        }

        destination.Write(source);
    }
}
