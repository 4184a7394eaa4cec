using System.Buffers;

namespace Kafka.Client.Protocol;

/// <summary>Compresses and decompresses the records region of a batch with one codec, using Kafka's framing.</summary>
/// <remarks>Get one from <see cref="CompressionCodecs.Get"/>. Implementations are stateless and thread-safe.</remarks>
public interface ICompressionCodec
{
    /// <summary>The codec this instance implements.</summary>
    CompressionCodec Codec { get; }

    /// <summary>Compresses <paramref name="source"/> and appends the result to <paramref name="destination"/>.</summary>
    /// <param name="source">The bytes to compress.</param>
    /// <param name="destination">Receives the compressed bytes.</param>
    /// <param name="level">
    /// Kafka's level for this codec (<c>compression.gzip.level</c>, <c>compression.lz4.level</c>,
    /// <c>compression.zstd.level</c>), or null for Kafka's default. Snappy has no levels and ignores it.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">The level is outside the codec's range.</exception>
    void Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int? level = null);

    /// <summary>Decompresses <paramref name="source"/> and appends the result to <paramref name="destination"/>.</summary>
    /// <param name="source">The compressed bytes (the whole stream).</param>
    /// <param name="destination">Receives the decompressed bytes.</param>
    /// <param name="maxLength">
    /// The most bytes decompression may produce; more is treated as corrupt (a guard against decompression bombs).
    /// </param>
    /// <exception cref="KafkaProtocolException">
    /// The data is corrupt or truncated, or decompresses to more than <paramref name="maxLength"/> bytes.
    /// </exception>
    void Decompress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int maxLength = CompressionCodecs.DefaultMaxDecompressedLength);
}
