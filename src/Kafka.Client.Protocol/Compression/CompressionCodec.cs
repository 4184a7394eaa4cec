namespace Kafka.Client.Protocol;

/// <summary>
/// The compression of a record batch, as stored in bits 0-2 of its attributes (and of a legacy message's).
/// </summary>
public enum CompressionCodec : byte
{
    /// <summary>Records stored as they are.</summary>
    None = 0,

    /// <summary>An RFC 1952 gzip stream.</summary>
    Gzip = 1,

    /// <summary>Snappy in xerial snappy-java framing (raw snappy is accepted when reading).</summary>
    Snappy = 2,

    /// <summary>An LZ4 frame with independent 64 KiB blocks.</summary>
    Lz4 = 3,

    /// <summary>One or more Zstandard frames (Produce v7 and later).</summary>
    Zstd = 4,
}
