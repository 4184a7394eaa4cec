using Kafka.Client.Protocol;

namespace Kafka.Client.Producing;

/// <summary>The producer's settings as the internals use them (taken from <c>ProducerOptions</c>).</summary>
internal sealed record ProducerSettings(
    short Acks,
    int BatchSize,
    TimeSpan Linger,
    CompressionCodec Compression,
    int? CompressionLevel,
    int MaxRequestSize,
    long BufferMemory,
    TimeSpan MaxBlock,
    TimeSpan DeliveryTimeout,
    TimeSpan RequestTimeout,
    TimeSpan RetryBackoff,
    TimeSpan RetryBackoffMax,
    bool Idempotence,
    int MaxInFlightPerPartition,
    bool Transactional = false);
