namespace Kafka.Client;

/// <summary>
/// How the producer compresses record batches (Kafka's <c>compression.type</c>); the values are the codec ids
/// stored in a batch's attributes.
/// </summary>
public enum CompressionType
{
    /// <summary>No compression (<c>none</c>).</summary>
    None = 0,

    /// <summary>gzip (<c>gzip</c>); levels 1-9, default -1 (zlib's default).</summary>
    Gzip = 1,

    /// <summary>Snappy in xerial framing (<c>snappy</c>); no levels.</summary>
    Snappy = 2,

    /// <summary>LZ4 frames (<c>lz4</c>); levels 1-17, default 9.</summary>
    Lz4 = 3,

    /// <summary>Zstandard (<c>zstd</c>, brokers 2.1 and later); levels -131072 to 22, default 3.</summary>
    Zstd = 4,
}
