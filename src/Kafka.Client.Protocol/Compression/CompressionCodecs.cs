namespace Kafka.Client.Protocol;

/// <summary>The codec implementations, by <see cref="CompressionCodec"/>.</summary>
public static class CompressionCodecs
{
    /// <summary>
    /// The default cap on the bytes one decompression may produce (256 MiB): larger output is reported as corrupt.
    /// </summary>
    public const int DefaultMaxDecompressedLength = 256 * 1024 * 1024;

    private static readonly ICompressionCodec[] Codecs =
    [
        new NoCompressionCodec(),
        new GzipCodec(),
        new SnappyCodec(),
        new Lz4Codec(),
        new ZstdCodec(),
    ];

    /// <summary>The implementation of <paramref name="codec"/>; <see cref="CompressionCodec.None"/> copies bytes as they are.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="codec"/> is not a known codec.</exception>
    public static ICompressionCodec Get(CompressionCodec codec)
    {
        if ((uint)codec >= (uint)Codecs.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(codec), codec, "Unknown compression codec.");
        }

        return Codecs[(int)codec];
    }
}
