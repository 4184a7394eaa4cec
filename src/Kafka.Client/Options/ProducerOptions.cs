namespace Kafka.Client;

/// <summary>
/// Options of a producer. Defaults are the Java client's (Kafka 4.0 <c>ProducerConfig.java</c>); each property's
/// <c>remarks</c> give its Kafka name and default. Create with an object initializer, or from Kafka property names
/// with <see cref="FromProperties(IEnumerable{KeyValuePair{string, string}})"/>.
/// </summary>
public sealed partial class ProducerOptions : ClientOptions
{
    private bool? _enableIdempotence;
    private int? _deliveryTimeoutMs;

    /// <summary>How many replicas must have a record before it counts as written.</summary>
    /// <remarks>Kafka: <c>acks</c> (<c>all</c>/<c>-1</c>, <c>0</c>, <c>1</c>). Default <see cref="Acks.All"/>.</remarks>
    public Acks Acks { get; set; } = Acks.All;

    /// <summary>How long a batch waits for more records before it is sent, when it is not full.</summary>
    /// <remarks>
    /// Kafka: <c>linger.ms</c>. Default 5. At least 0. Kafka 4.0 raised the default from 0 to 5 (KIP-1030,
    /// KAFKA-16368, apache/kafka pull request 18080); <c>../shared/kafka-protocol/NOTES.md</c> quotes 0 from an
    /// earlier 4.0 snapshot.
    /// </remarks>
    public long LingerMs { get; set; } = 5;

    /// <summary>The size a partition's batch grows to before it is sent; also how much the sticky partitioner puts in one partition before it moves on.</summary>
    /// <remarks>Kafka: <c>batch.size</c>. Default 16384 (16 KiB). At least 0; 0 sends each record alone.</remarks>
    public int BatchSize { get; set; } = 16_384;

    /// <summary>Whether the producer writes each record exactly once per partition, in order, despite retries (a producer id and sequence numbers).</summary>
    /// <remarks>
    /// Kafka: <c>enable.idempotence</c>. Default true. Set explicitly to true, it requires <see cref="Acks"/> =
    /// <see cref="Acks.All"/> and <see cref="Retries"/> &gt; 0, else <see cref="ClientOptions.Validate"/> fails; left
    /// at its default, those settings turn it off silently, as in Java. With idempotence on (either way),
    /// <see cref="MaxInFlightRequestsPerConnection"/> must be at most 5 (an error since Kafka 4.0, KAFKA-17927).
    /// </remarks>
    public bool EnableIdempotence
    {
        get => _enableIdempotence ?? true;
        set => _enableIdempotence = value;
    }

    /// <summary>How often a failed send is retried; <see cref="DeliveryTimeoutMs"/> is the usual bound.</summary>
    /// <remarks>Kafka: <c>retries</c>. Default <see cref="int.MaxValue"/>. At least 0.</remarks>
    public int Retries { get; set; } = int.MaxValue;

    /// <summary>How long after a send call the producer may take to report success or failure, retries included.</summary>
    /// <remarks>
    /// Kafka: <c>delivery.timeout.ms</c>. Default 120000 (2 min). Must be at least <see cref="LingerMs"/> +
    /// <see cref="ClientOptions.RequestTimeoutMs"/> when set explicitly; left at its default, it is raised to that sum, as in Java.
    /// </remarks>
    public int DeliveryTimeoutMs
    {
        get => _deliveryTimeoutMs ?? 120_000;
        set => _deliveryTimeoutMs = value;
    }

    /// <summary>How many bytes of records may wait to be sent; sends block (up to <see cref="MaxBlockMs"/>) when it is full.</summary>
    /// <remarks>Kafka: <c>buffer.memory</c>. Default 33554432 (32 MiB). At least 0.</remarks>
    public long BufferMemory { get; set; } = 33_554_432;

    /// <summary>How batches are compressed.</summary>
    /// <remarks>Kafka: <c>compression.type</c> (<c>none</c>, <c>gzip</c>, <c>snappy</c>, <c>lz4</c>, <c>zstd</c>). Default <see cref="CompressionType.None"/>.</remarks>
    public CompressionType CompressionType { get; set; } = CompressionType.None;

    /// <summary>The level of the codec in <see cref="CompressionType"/>; null for the codec's default.</summary>
    /// <remarks>
    /// Kafka: <c>compression.gzip.level</c> (1-9 or -1, default -1), <c>compression.lz4.level</c> (1-17, default 9),
    /// <c>compression.zstd.level</c> (-131072 to 22, default 3): <c>FromProperties</c> takes the one of the chosen
    /// codec and ignores the others, as Java does. Ignored for none and snappy. Default null.
    /// </remarks>
    public int? CompressionLevel { get; set; }

    /// <summary>The largest Produce request the producer sends, and so the largest record.</summary>
    /// <remarks>Kafka: <c>max.request.size</c>. Default 1048576 (1 MiB). At least 0.</remarks>
    public int MaxRequestSize { get; set; } = 1_048_576;

    /// <summary>How long a send may wait for metadata or for room in the buffer before it fails.</summary>
    /// <remarks>Kafka: <c>max.block.ms</c>. Default 60000 (1 min). At least 0.</remarks>
    public long MaxBlockMs { get; set; } = 60_000;

    /// <summary>How many Produce requests may be unanswered on one connection.</summary>
    /// <remarks>
    /// Kafka: <c>max.in.flight.requests.per.connection</c>. Default 5. At least 1; at most 5 unless
    /// <see cref="EnableIdempotence"/> is false (brokers keep the last 5 batches per producer for deduplication).
    /// Without idempotence, more than 1 can reorder records when a send is retried.
    /// </remarks>
    public int MaxInFlightRequestsPerConnection { get; set; } = 5;

    /// <summary>How long an unused topic's metadata is kept.</summary>
    /// <remarks>Kafka: <c>metadata.max.idle.ms</c>. Default 300000 (5 min). At least 5000.</remarks>
    public long MetadataMaxIdleMs { get; set; } = 300_000;

    /// <summary>The built-in partitioner for records that name no partition; ignored when <see cref="CustomPartitioner"/> is set.</summary>
    /// <remarks>
    /// librdkafka: <c>partitioner</c> (<c>murmur2</c>, <c>murmur2_random</c>, <c>consistent</c>,
    /// <c>consistent_random</c>, <c>random</c>, <c>fnv1a</c>, <c>fnv1a_random</c>); the Java client has no such
    /// name. Default <see cref="Kafka.Client.Partitioner.Default"/> (the Java client's), which has no property value.
    /// </remarks>
    public Partitioner Partitioner { get; set; } = Partitioner.Default;

    /// <summary>A partitioner of your own, used instead of <see cref="Partitioner"/>.</summary>
    /// <remarks>
    /// Java: <c>partitioner.class</c>, which has no property here (classes cannot be named in an AOT-safe way); set
    /// the instance. Default null. It may return -1 to leave a record to the sticky partitioner.
    /// </remarks>
    public IPartitioner? CustomPartitioner { get; set; }

    /// <summary>Whether keys are ignored when choosing a partition, so every record is placed as if it had no key.</summary>
    /// <remarks>Kafka: <c>partitioner.ignore.keys</c>. Default false. Only used by the built-in partitioner (no <see cref="CustomPartitioner"/>).</remarks>
    public bool PartitionerIgnoreKeys { get; set; }

    /// <summary>Whether the sticky partitioner prefers partitions whose brokers have fewer batches queued (KIP-794).</summary>
    /// <remarks>Kafka: <c>partitioner.adaptive.partitioning.enable</c>. Default true.</remarks>
    public bool PartitionerAdaptivePartitioningEnable { get; set; } = true;

    /// <summary>How long a broker may fail to take batches before the sticky partitioner avoids its partitions; 0 never.</summary>
    /// <remarks>Kafka: <c>partitioner.availability.timeout.ms</c>. Default 0. At least 0. Only with adaptive partitioning.</remarks>
    public long PartitionerAvailabilityTimeoutMs { get; set; }

    /// <summary>The transactional id, which makes the producer transactional; null for none.</summary>
    /// <remarks>Kafka: <c>transactional.id</c>. Default null. Not empty. Requires idempotence.</remarks>
    public string? TransactionalId { get; set; }

    /// <summary>How long a transaction may stay open before the coordinator aborts it.</summary>
    /// <remarks>Kafka: <c>transaction.timeout.ms</c>. Default 60000 (1 min). At least 1; brokers cap it with <c>transaction.max.timeout.ms</c>.</remarks>
    public int TransactionTimeoutMs { get; set; } = 60_000;

    /// <summary>True when <see cref="EnableIdempotence"/> was set, in code or by property, rather than left at its default.</summary>
    internal bool EnableIdempotenceSetExplicitly => _enableIdempotence.HasValue;

    /// <summary>True when <see cref="DeliveryTimeoutMs"/> was set, in code or by property, rather than left at its default.</summary>
    internal bool DeliveryTimeoutSetExplicitly => _deliveryTimeoutMs.HasValue;
}
